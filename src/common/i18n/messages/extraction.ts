import { defineMessages } from '../define';

/** The extraction module's messages (errors, notes, sentences), keyed `extraction.*`. */
export const extractionMessages = defineMessages(
  {
    // why a document cannot be read as a plan
    'extraction.error.empty': '文件是空的，没有可读取的文字。',
    'extraction.error.binary':
      '文件不是文本文档（含大量无法识别的字符），请上传纯文本或 Word 文档（DOCX），或直接粘贴文字。',
    'extraction.error.binary_kind':
      '这是{kind}，不是文本文档；扫描件或图片无法读取，请上传纯文本或 Word 文档（DOCX），或直接粘贴文字。',
    'extraction.error.docx_unreadable': 'Word 文件已损坏或无法读取，请在 Word 中另存为 DOCX 格式后重试。',
    'extraction.error.zip_not_docx':
      '不支持此类文件（如 Excel 表格、压缩包），请上传纯文本或 Word 文档（DOCX），或直接粘贴文字。',
    'extraction.error.legacy_doc': '不支持旧版 Word 文件，请在 Word 中“另存为” DOCX 格式后上传。',
    'extraction.error.too_large':
      '文件过大（{size} MB），上限为 20 MB；方案文本通常不足 1 MB，请检查是否上传了扫描件或附件包。',
    'extraction.error.too_large_upload':
      '文件过大，上限为 20 MB；方案文本通常不足 1 MB，请检查是否上传了扫描件或附件包。',
    'extraction.error.no_structure':
      '未找到编号标题（如“一、”“（一）”“1.”），无法识别方案结构；请确认上传的是实施方案全文。',
    'extraction.kind.png': '图片文件',
    'extraction.kind.jpeg': '图片文件',
    'extraction.kind.gif': '图片文件',
    'extraction.kind.tiff': '图片文件',
    'extraction.kind.pdf': 'PDF 文件',
    'extraction.kind.gzip': '压缩包',
    'extraction.kind.rar': '压缩包',
    'extraction.kind.7z': '压缩包',
    'extraction.kind.executable': '可执行程序',
    'extraction.kind.nul': '含有空字符的文件',
    'extraction.kind.binary': '二进制文件',

    // what the reader of a draft should check
    'extraction.warning.traditional': '原文为繁体字：名称已转为简体，摘录保留原文。',
    'extraction.warning.gb18030': '文件按 GB18030 编码读取。',
    'extraction.warning.region_unresolved': '未能确定发文地区（{name}），请在草稿中填写地区代码。',
    'extraction.warning.no_issue_date': '未找到发文日期，暂填 {date}，请核对。',
    'extraction.warning.no_doc_number': '未找到文号（部分方案没有文号）。',
    'extraction.warning.date_unread': '无法识别的时间表述：“{words}”（{number} {title}），请手工填写期限。',
    'extraction.warning.deadline_before_issue':
      '期限 {due}（“{words}”，{number} {title}）早于发文日期 {issuedOn}，请核对。',
    'extraction.warning.new_departments': '以下单位不在已知单位中，将作为新单位提出：{names}',
    'extraction.warning.draft_invalid': '草稿有 {count} 处不符合方案格式，请在发布前修改。',
    'extraction.warning.numbering_gap': '编号不连续：{previous} 之后是 {next}',
    'extraction.warning.number_missing': '标题编号缺失，按顺序推断为{number}',
    'extraction.warning.number_damaged': '编号残缺（“{text}”），按顺序推断为{number}',
    'extraction.inferred.missing': '标题编号缺失，按顺序推断为{number}',
    'extraction.inferred.damaged': '编号残缺，按顺序推断为{number}',
    'extraction.lead_inherited': '（沿用上级条目的责任单位）',
    'extraction.unknown': '未知',

    // drafts
    'extraction.draft.invalid': '草稿有 {count} 处问题，未保存',
    'extraction.draft.not_found': '草稿不存在',
    'extraction.draft.published': '草稿已发布',
    'extraction.draft.discarded': '草稿已放弃',
    'extraction.draft.changed': '草稿已被修改，请刷新后重试',
    'extraction.draft.region_outside_area': '方案所属地区 {region} 不在您的管辖范围',
    'extraction.draft.plan_exists': '已有标识为 {key} 的方案；如要用此草稿更新它，请选择“更新已有方案”',
    'extraction.draft.upload_missing': '请上传方案文件，或粘贴方案全文',
    'extraction.draft.body_missing': '请提交草稿内容',
    'extraction.cli.file_not_found': '文件不存在：{file}',
  },
  {
    'extraction.error.empty': 'The document is empty: there is no text to read.',
    'extraction.error.binary':
      'The file is not a text document (many unreadable characters); upload .txt or .docx, or paste the text.',
    'extraction.error.binary_kind':
      'This is {kind}, not a text document; upload .txt or .docx, or paste the text.',
    'extraction.error.docx_unreadable':
      'The Word file could not be read; save it as .docx in Word and try again.',
    'extraction.error.zip_not_docx':
      'A zip-based file that is not a Word document (.xlsx, .zip …); upload .txt or .docx, or paste the text.',
    'extraction.error.legacy_doc':
      'Legacy Word (.doc) files are not supported; save the file as .docx and upload it again.',
    'extraction.error.too_large': 'The file is too large ({size} MB, limit 20 MB).',
    'extraction.error.too_large_upload': 'The file is too large (limit 20 MB).',
    'extraction.error.no_structure':
      'No numbered headings (such as "1." or "(1)") were found: this does not look like an implementation plan.',
    'extraction.kind.png': 'a PNG image',
    'extraction.kind.jpeg': 'a JPEG image',
    'extraction.kind.gif': 'a GIF image',
    'extraction.kind.tiff': 'a TIFF image',
    'extraction.kind.pdf': 'a PDF file',
    'extraction.kind.gzip': 'a gzip archive',
    'extraction.kind.rar': 'a RAR archive',
    'extraction.kind.7z': 'a 7z archive',
    'extraction.kind.executable': 'an executable',
    'extraction.kind.nul': 'a file with NUL characters',
    'extraction.kind.binary': 'a binary file',

    'extraction.warning.traditional':
      'Traditional script: names converted to Simplified, excerpts kept as written.',
    'extraction.warning.gb18030': 'The file was read as GB18030.',
    'extraction.warning.region_unresolved':
      'The issuing region ({name}) could not be resolved; fill in region.',
    'extraction.warning.no_issue_date': 'No issue date found; {date} is a placeholder.',
    'extraction.warning.no_doc_number': 'No document number (文号) found (some plans have none).',
    'extraction.warning.date_unread': 'A date could not be read: "{words}" ({number} {title}); fill it in.',
    'extraction.warning.deadline_before_issue':
      'The deadline {due} ("{words}", {number} {title}) is earlier than the issue date {issuedOn}.',
    'extraction.warning.new_departments': 'Not among the known departments, proposed as new: {names}',
    'extraction.warning.draft_invalid':
      'The draft has {count} problem(s) as a plan file; fix them before publishing.',
    'extraction.warning.numbering_gap': 'Numbering jumps from {previous} to {next}',
    'extraction.warning.number_missing': 'Section number missing, inferred as {number}',
    'extraction.warning.number_damaged': 'Damaged number ("{text}") inferred as {number}',
    'extraction.inferred.missing': 'number missing, inferred as {number} from the sequence',
    'extraction.inferred.damaged': 'number damaged, inferred as {number} from the sequence',
    'extraction.lead_inherited': '(taken from the parent item)',
    'extraction.unknown': 'unknown',

    'extraction.draft.invalid': 'The draft has {count} problem(s) and was not saved',
    'extraction.draft.not_found': 'No such draft',
    'extraction.draft.published': 'The draft has already been published',
    'extraction.draft.discarded': 'The draft has been discarded',
    'extraction.draft.changed': 'The draft was changed since you read it; reload and retry',
    'extraction.draft.region_outside_area': "The plan's region {region} is outside your area",
    'extraction.draft.plan_exists':
      'A plan with key {key} already exists; publish with ?update=true to update it',
    'extraction.draft.upload_missing':
      'Upload a file (multipart field "file") or send JSON with "text" and "fileName"',
    'extraction.draft.body_missing': 'Send the draft as YAML text or JSON',
    'extraction.cli.file_not_found': 'File not found: {file}',
  },
);
