import { defineMessages } from '../define';

/** The indicators module's messages (errors, notes, sentences), keyed `indicators.*`. */
export const indicatorsMessages = defineMessages(
  {
    // looking things up
    'indicators.county_not_found': '没有此县（市、区）：{county}',
    'indicators.evaluation_not_found': '没有 {county} {year} 年的评估结果',
    'indicators.no_statistics': '{county} 没有 {year} 学年的统计数据',
    'indicators.bad_school_year': '学年应为四位数字（如 2026），收到的是“{value}”',
    'indicators.bad_school_year.problem': '应为四位数字的学年',

    // uploading and importing statistics
    'indicators.upload.not_multipart': '请以上传文件的方式提交统计数据',
    'indicators.upload.too_large': '文件 {file} 超过上传上限 {limit}',
    'indicators.upload.too_many': '一次上传的文件或字段过多',
    'indicators.upload.none': '请至少上传一个文件',
    'indicators.import.problems': '统计数据有 {count} 处问题，本次未导入任何数据',
    'indicators.import.outside_area':
      '统计数据中的县（市、区）不在您的管辖范围：{counties}；本次未导入任何数据',
    'indicators.import.discrepancies':
      '统计数据有 {count} 处前后不一致，本次未导入任何数据；请逐项核对，确认无误后勾选“确认无误”重新上传',
    'indicators.import.confirmed': '已确认：{text}',
    'indicators.import.class_count_mismatch':
      '{school}（{code}）{level}：学校表班级数 {declared}，班级表 {rows} 行',
    'indicators.import.student_count_mismatch':
      '{school}（{code}）{level}：学校表学生数 {declared}，班级学生合计 {held}',
    'indicators.import.unterminated_csv': '{file} 的最后一行没有换行符，文件可能不完整',
    'indicators.xlsx.rows': '超过 {rows} 行',
    'indicators.xlsx.cells': '超过 {cells} 个单元格',
    'indicators.xlsx.seconds': '读取超过 {seconds} 秒，请拆分文件或改用 CSV 格式',
    'indicators.xlsx.memory': '读取需要超过 {mb} MB 内存，请拆分文件或改用 CSV 格式',
    'indicators.xlsx.unpacked': '解压后超过 {limit} MB（约 {size} MB），请拆分文件或改用 CSV 格式',

    // school levels, as the statistics name them
    'indicators.level.primary': '小学',
    'indicators.level.junior': '初中',
    'indicators.level.combined': '九年一贯制',

    // 达标测算 and publishing it into a plan
    'indicators.scenario.invalid': '推演数据有误：{reason}',
    'indicators.scenario.no_school': '数据中没有学校 {school}（{level}）',
    'indicators.scenario.not_editable': '“{field}”不能调整',
    'indicators.scenario.bad_value': '{school} 的“{field}”填写为 {value}，应为不小于零的数',
    'indicators.scenario.field.students': '学生数',
    'indicators.scenario.field.teachers_above_degree': '高于规定学历教师数',
    'indicators.scenario.field.key_teachers': '县级以上骨干教师数',
    'indicators.scenario.field.pe_art_teachers': '体育、艺术专任教师数',
    'indicators.scenario.field.teaching_area_m2': '教学及辅助用房面积',
    'indicators.scenario.field.sports_area_m2': '体育运动场馆面积',
    'indicators.scenario.field.equipment_value_yuan': '教学仪器设备值',
    'indicators.scenario.field.multimedia_rooms': '网络多媒体教室数',
    'indicators.plan.not_found': '没有此督办方案',
    'indicators.plan.not_covering': '督办方案《{title}》不覆盖 {county}，不能纳入',
    'indicators.plan.not_feasible': '未能给出达标方案，无法纳入督办方案：{reasons}',
    'indicators.plan.milestone_too_early': '创建年份 {year} 年早于可实施的第一年 {fromYear} 年',
    'indicators.plan.no_milestone': '督办方案中没有 {county} 的创建时间节点，请填写创建年份',
    'indicators.plan.no_students': '没有义务教育阶段在校生的学校，无法测算',
    'indicators.plan.missing_data': '无法测算：{school}（{level}）未填报指标 {indicator} 所需的数据',
    'indicators.plan.infeasible': '在允许增配的范围内，没有能满足全部要求的方案',
    'indicators.plan.solver_stopped': '测算程序未得出方案即已停止（状态 {status}）',
    'indicators.plan.not_converged': '差异系数要求经 {rounds} 轮测算仍未满足，未得出方案',
    'indicators.plan.reasons': '{first}；{rest}',

    // the evaluation's 说明 column
    'indicators.note.not_attested': '未声明',
    'indicators.note.attested_yes': '已声明达到（{count} 份说明）',
    'indicators.note.attested_no': '已声明未达到（{count} 份说明）',
    'indicators.note.no_data': '缺少数据，无法判定',
  },
  {
    'indicators.county_not_found': 'No county {county}',
    'indicators.evaluation_not_found': 'No evaluation of {county} for {year}',
    'indicators.no_statistics': 'No statistics for county {county}, school year {year}',
    'indicators.bad_school_year': 'The school year must be 4 digits (e.g. 2026), not "{value}"',
    'indicators.bad_school_year.problem': 'must be a 4-digit school year',

    'indicators.upload.not_multipart': 'Upload the files as multipart/form-data',
    'indicators.upload.too_large': 'File {file} is larger than the {limit} upload limit',
    'indicators.upload.too_many': 'Too many files or fields in one upload',
    'indicators.upload.none': 'Upload at least one file',
    'indicators.import.problems': '{count} problem(s) in the statistics; nothing was imported',
    'indicators.import.outside_area': 'Counties outside your area: {counties}; nothing was imported',
    'indicators.import.discrepancies':
      '{count} discrepancies in the statistics; nothing was imported. Check them and re-upload with confirm=yes to keep them',
    'indicators.import.confirmed': 'confirmed: {text}',
    'indicators.import.class_count_mismatch':
      '{school} ({code}) {level}: the schools table declares {declared} classes, the classes table has {rows} rows',
    'indicators.import.student_count_mismatch':
      '{school} ({code}) {level}: the schools table declares {declared} students, its classes hold {held}',
    'indicators.import.unterminated_csv': '{file}: the last line has no line break (the file may be cut off)',
    'indicators.xlsx.rows': 'more than {rows} rows',
    'indicators.xlsx.cells': 'more than {cells} cells',
    'indicators.xlsx.seconds': 'took longer than {seconds} s to read; split it or use CSV',
    'indicators.xlsx.memory': 'needs more than {mb} MB to read; split it or use CSV',
    'indicators.xlsx.unpacked': 'unpacks to more than {limit} MB (about {size} MB); split it or use CSV',

    'indicators.level.primary': 'primary',
    'indicators.level.junior': 'junior secondary',
    'indicators.level.combined': 'nine-year school',

    'indicators.scenario.invalid': 'Bad scenario: {reason}',
    'indicators.scenario.no_school': 'no school {school} ({level}) in the data',
    'indicators.scenario.not_editable': '"{field}" cannot be edited',
    'indicators.scenario.bad_value': '{school} "{field}": {value} is not a figure ≥ 0',
    'indicators.scenario.field.students': 'students',
    'indicators.scenario.field.teachers_above_degree': 'teachers above the required degree',
    'indicators.scenario.field.key_teachers': 'key teachers',
    'indicators.scenario.field.pe_art_teachers': 'PE and art teachers',
    'indicators.scenario.field.teaching_area_m2': 'teaching area (m²)',
    'indicators.scenario.field.sports_area_m2': 'sports area (m²)',
    'indicators.scenario.field.equipment_value_yuan': 'equipment value (yuan)',
    'indicators.scenario.field.multimedia_rooms': 'multimedia classrooms',
    'indicators.plan.not_found': 'No such plan',
    'indicators.plan.not_covering': 'The plan "{title}" does not cover {county}',
    'indicators.plan.not_feasible': 'No certification plan to publish: {reasons}',
    'indicators.plan.milestone_too_early':
      'The certification year {year} is before {fromYear}, the first year to spend in',
    'indicators.plan.no_milestone':
      'The plan has no certification milestone for {county}; give milestoneYear',
    'indicators.plan.no_students': 'no school with students at a compulsory level',
    'indicators.plan.missing_data':
      'cannot plan without data: {school} ({level}) did not report the figures of {indicator}',
    'indicators.plan.infeasible': 'no plan meets every rule with the allowed additions',
    'indicators.plan.solver_stopped': 'the solver stopped without a plan (status {status})',
    'indicators.plan.not_converged': 'the CV cuts did not converge in {rounds} rounds',
    'indicators.plan.reasons': '{first}; {rest}',

    'indicators.note.not_attested': 'not attested',
    'indicators.note.attested_yes': 'attested yes ({count} statement(s))',
    'indicators.note.attested_no': 'attested no ({count} statement(s))',
    'indicators.note.no_data': 'no data to decide',
  },
);
