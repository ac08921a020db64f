import { defineMessages } from '../define';

/** The page texts keyed `drafts.*` (see README, "Languages and message catalogs"). */
export const draftsMessages = defineMessages(
  {
    // 方案导入：草稿列表与上传表单 (/plans/drafts)
    'drafts.list_title': '方案导入',
    'drafts.list_intro':
      '上传实施方案原文（.txt / .docx）或粘贴文字，系统先生成草稿；核对、修改后发布，发布前不会创建任何任务。',
    'drafts.discarded_notice': '草稿已放弃。',
    'drafts.new_draft_heading': '新建草稿',
    'drafts.plan_file_label': '方案文件（.txt、.docx，20 MB 以内）',
    'drafts.paste_text_label': '或粘贴方案全文',
    'drafts.paste_text_placeholder': '{example}……',
    'drafts.name_optional_label': '名称（可选）',
    'drafts.read_and_propose_button': '识别并生成草稿',
    'drafts.drafts_heading': '草稿',
    'drafts.no_drafts': '还没有草稿。',
    'drafts.plan_column': '方案',
    'drafts.file_column': '文件',
    'drafts.items_column': '条目',
    'drafts.to_check_column': '待核对',
    'drafts.status_column': '状态',
    'drafts.updated_column': '更新',
    'drafts.published_items_link': '任务',
    // 核对草稿 (/plans/drafts/:id)：标题、状态行
    'drafts.review_title': '核对草稿：{title}',
    'drafts.version_label': '版本',
    'drafts.all_drafts_link': '返回草稿列表',
    // 核对草稿：保存结果与状态提示
    'drafts.saved_notice': '草稿已保存，校验通过。',
    'drafts.problems_not_saved': '发现 {count} 处问题，未保存。',
    'drafts.whole_document_path': '（整个文件）',
    'drafts.issue_line': '第 {line} 行',
    'drafts.draft_status_notice': '此草稿{status}。',
    'drafts.see_items_link': '查看任务清单',
    // 核对草稿：原文
    'drafts.source_heading': '原文',
    'drafts.excerpt_not_found': '未在原文中定位到该条目的摘录。',
    // 核对草稿：待重点核对
    'drafts.check_first_heading': '待重点核对',
    'drafts.dates_not_read_heading': '未能识别的期限',
    'drafts.departments_not_resolved_heading': '未落实的责任单位',
    'drafts.department_not_in_registry': '系统中没有此单位，发布时将新建',
    'drafts.no_low_confidence_fields': '没有低置信度字段。',
    'drafts.warning_line': '（第 {line} 行）',
    // 核对草稿：方案信息
    'drafts.plan_info_heading': '方案信息',
    'drafts.plan_title_label': '标题',
    'drafts.doc_number_label': '文号',
    'drafts.issuer_label': '发文机关',
    'drafts.issued_on_label': '印发日期',
    'drafts.implements_label': '依据文件',
    'drafts.region_label': '地区',
    'drafts.plan_key_label': '标识',
    // 核对草稿：责任单位
    'drafts.departments_heading': '责任单位',
    'drafts.department_known': '已有',
    'drafts.department_new': '新建',
    // 核对草稿：选中的条目
    'drafts.field_column': '字段',
    'drafts.confidence_column': '置信度',
    'drafts.excerpt_column': '摘录',
    'drafts.item_due_label': '期限',
    // 核对草稿：条目列表
    'drafts.items_heading': '条目',
    'drafts.item_list_lead': '牵头',
    'drafts.low_confidence_fields_title': '低置信度字段',
    // 核对草稿：编辑 YAML、发布、放弃
    'drafts.edit_yaml_heading': '编辑草稿（YAML）',
    'drafts.edit_yaml_help':
      '整份草稿为 YAML；以 # 开头的说明行不会保存。保存时按方案文件格式校验，问题会连同位置一起列出。',
    'drafts.save_button': '保存',
    'drafts.publish_confirm': '发布后将按此草稿创建方案和任务，确定发布？',
    'drafts.update_existing_plan_label': '如方案已存在则更新',
    'drafts.publish_button': '发布',
    'drafts.discard_confirm': '确定放弃此草稿？',
    'drafts.discard_button': '放弃',
  },
  {
    // plan import: the list of drafts and the upload form (/plans/drafts)
    'drafts.list_title': 'Plan import',
    'drafts.list_intro':
      'Upload the plan document (.txt / .docx) or paste its text: a draft is proposed; check it, edit it and publish it. Nothing is created before it is published.',
    'drafts.discarded_notice': 'The draft was discarded.',
    'drafts.new_draft_heading': 'New draft',
    'drafts.plan_file_label': 'Plan file (.txt, .docx, up to 20 MB)',
    'drafts.paste_text_label': 'or paste the full text',
    'drafts.paste_text_placeholder': '{example}…',
    'drafts.name_optional_label': 'Name (optional)',
    'drafts.read_and_propose_button': 'Read and propose a draft',
    'drafts.drafts_heading': 'Drafts',
    'drafts.no_drafts': 'No drafts yet.',
    'drafts.plan_column': 'Plan',
    'drafts.file_column': 'File',
    'drafts.items_column': 'Items',
    'drafts.to_check_column': 'To check',
    'drafts.status_column': 'Status',
    'drafts.updated_column': 'Updated',
    'drafts.published_items_link': 'items',
    // review (/plans/drafts/:id): title, status line
    'drafts.review_title': 'Review draft: {title}',
    'drafts.version_label': 'version',
    'drafts.all_drafts_link': 'All drafts',
    // review: save result and status notices
    'drafts.saved_notice': 'Draft saved; it is a valid plan file.',
    'drafts.problems_not_saved': '{count} problem(s); nothing was saved.',
    'drafts.whole_document_path': '(document)',
    'drafts.issue_line': 'line {line}',
    'drafts.draft_status_notice': 'This draft is {status}.',
    'drafts.see_items_link': 'See the items',
    // review: source text
    'drafts.source_heading': 'Source text',
    'drafts.excerpt_not_found': 'The excerpt of this item was not found in the source.',
    // review: check first
    'drafts.check_first_heading': 'Check first',
    'drafts.dates_not_read_heading': 'Dates not read',
    'drafts.departments_not_resolved_heading': 'Departments not resolved',
    'drafts.department_not_in_registry': 'not in the registry; created on publishing',
    'drafts.no_low_confidence_fields': 'No low-confidence fields.',
    'drafts.warning_line': ' (line {line})',
    // review: plan metadata
    'drafts.plan_info_heading': 'Plan',
    'drafts.plan_title_label': 'Title',
    'drafts.doc_number_label': 'Doc. no.',
    'drafts.issuer_label': 'Issuer',
    'drafts.issued_on_label': 'Issued',
    'drafts.implements_label': 'Implements',
    'drafts.region_label': 'Region',
    'drafts.plan_key_label': 'Key',
    // review: departments
    'drafts.departments_heading': 'Departments',
    'drafts.department_known': 'known',
    'drafts.department_new': 'new',
    // review: the selected item
    'drafts.field_column': 'Field',
    'drafts.confidence_column': 'Conf.',
    'drafts.excerpt_column': 'Excerpt',
    'drafts.item_due_label': 'Due',
    // review: the list of items
    'drafts.items_heading': 'Items',
    'drafts.item_list_lead': 'lead',
    'drafts.low_confidence_fields_title': 'low-confidence fields',
    // review: edit the YAML, publish, discard
    'drafts.edit_yaml_heading': 'Edit the draft (YAML)',
    'drafts.edit_yaml_help':
      'The whole draft as YAML; comment lines (#) are not kept. Saving validates it as a plan file and lists every problem with its path.',
    'drafts.save_button': 'Save',
    'drafts.publish_confirm': 'Publishing creates the plan and its items from this draft. Publish?',
    'drafts.update_existing_plan_label': 'update the plan if it exists',
    'drafts.publish_button': 'Publish',
    'drafts.discard_confirm': 'Discard this draft?',
    'drafts.discard_button': 'Discard',
  },
);
