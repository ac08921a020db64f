import { defineMessages } from '../define';

/**
 * The notifications module's messages, keyed `notifications.*`: every text of every mail (subjects, sentences,
 * headings, the words for rules, levels, reasons, periods), the unsubscribe pages and the outbox admin's errors.
 * The mail is written as a 督查督办 office writes it: 督办单, 签收, 办理情况, 办理时限, 逾期通报.
 */
export const notificationsMessages = defineMessages(
  {
    // the sender and the footer
    'notifications.sender_name': '督办系统',
    'notifications.footer': '本邮件由督办系统自动发送，请勿直接回复。',
    'notifications.unsubscribe': '退订此类邮件',
    'notifications.meta_due': '截止 {date}',

    // days, weekdays, months
    'notifications.day.tomorrow': '明日',
    'notifications.day.after_tomorrow': '后日',
    'notifications.month_day': '{month}{day}日',
    'notifications.date': '{year}年{month}{day}日',
    'notifications.month.1': '1月',
    'notifications.month.2': '2月',
    'notifications.month.3': '3月',
    'notifications.month.4': '4月',
    'notifications.month.5': '5月',
    'notifications.month.6': '6月',
    'notifications.month.7': '7月',
    'notifications.month.8': '8月',
    'notifications.month.9': '9月',
    'notifications.month.10': '10月',
    'notifications.month.11': '11月',
    'notifications.month.12': '12月',
    'notifications.weekday.1': '周一',
    'notifications.weekday.2': '周二',
    'notifications.weekday.3': '周三',
    'notifications.weekday.4': '周四',
    'notifications.weekday.5': '周五',
    'notifications.weekday.6': '周六',
    'notifications.weekday.7': '周日',

    // reminder rules, as the reader should hear them
    'notifications.rule.start': '今日开始',
    'notifications.rule.due_today': '今日到期',
    'notifications.rule.due_day_ahead': '{day}（{weekday}）到期',
    'notifications.rule.before': '还有 {days} 个工作日到期',
    'notifications.rule.overdue': '已逾期',
    'notifications.rule.overdue_one_day': '已逾期 1 天',
    'notifications.rule.overdue_days': '已逾期 {days} 天',
    'notifications.rule.other': '督办提醒',

    // reporting periods of recurring items (2026, 2026-H1, 2026-Q3, 2026-11)
    'notifications.period.year': '{year}年度',
    'notifications.period.h1': '{year}年上半年',
    'notifications.period.h2': '{year}年下半年',
    'notifications.period.q1': '{year}年第一季度',
    'notifications.period.q2': '{year}年第二季度',
    'notifications.period.q3': '{year}年第三季度',
    'notifications.period.q4': '{year}年第四季度',
    'notifications.period.month': '{year}年{month}',

    // reminder
    'notifications.reminder.subject': '【督办提醒】{what}：{title}',
    'notifications.reminder.intro': '{department}（{role}）：以下任务{what}（办理时限 {date}）。',
    'notifications.role.lead': '牵头单位',
    'notifications.role.cooperate': '配合单位',
    'notifications.reminder.ack_late': '任务已超过办理时限仍未签收，请立即签收并报送办理情况。',
    'notifications.reminder.ack': '请尽快签收此任务。',
    'notifications.reminder.report_late': '任务已逾期，请立即报送本单位的办理情况。',
    'notifications.reminder.report': '请报送本单位的办理情况。',
    'notifications.reminder.general_late': '任务已逾期，请抓紧办理并报送办理情况。',
    'notifications.reminder.general': '请按期完成并报送办理情况。',

    // digest
    'notifications.digest.subject': '【督办】{title}',
    'notifications.digest.backlog': '已逾期任务汇总',
    'notifications.digest.notes': '督办提醒汇总',
    'notifications.digest.daily': '每日督办摘要',
    'notifications.digest.weekly': '每周督办摘要',
    'notifications.digest.due_today': '今日到期',
    'notifications.digest.due_soon': '即将到期',
    'notifications.digest.overdue': '已逾期',
    'notifications.digest.awaiting_ack': '待签收',
    'notifications.digest.other': '其他提醒',
    'notifications.note.backlog': '导入时已逾期（截止 {date}）',
    'notifications.note.report_request': '请报送{period}办理情况',
    'notifications.note.reminder': '督办提醒',

    // escalation (督办单)
    'notifications.level.blue': '蓝色督办',
    'notifications.level.yellow': '黄色督办',
    'notifications.level.red': '红色督办',
    'notifications.level_short.blue': '蓝色',
    'notifications.level_short.yellow': '黄色',
    'notifications.level_short.red': '红色',
    'notifications.reason.overdue': '逾期未完成',
    'notifications.reason.progress_red': '进度明显滞后（红灯）',
    'notifications.reason.other': '其他督办事由',
    'notifications.escalation.subject_one_level': '【{level}】{count} 项任务',
    'notifications.escalation.subject_mixed': '【{level}】督办单 {count} 份（{counts}）',
    'notifications.escalation.subject_count': '{level} {count} 项',
    'notifications.escalation.count_separator': '，',
    'notifications.escalation.intro': '现发出督办单 {count} 份，请抓紧办理并报送办理情况。',
    'notifications.escalation.reply_by': '请于 {date} 前书面回复办理情况。',
    'notifications.escalation.level_heading': '{level}（{count}）',
    'notifications.escalation.number': '督办单{number}',
    'notifications.queues_unavailable':
      '任务队列服务暂时无法连接，队列状态无法读取；邮件与提醒记录在数据库中，恢复后自动补发。',
    'notifications.escalation.reasons': '督办事由：{reasons}',
    'notifications.escalation.overdue_days': '已逾期 {days} 天（{working} 个工作日）',
    'notifications.escalation.note_reply_by': '{date} 前回复',
    'notifications.escalation.cc': '抄送 {names}',
    'notifications.escalation.print': '打印督办单 {url}',

    // import summary
    'notifications.import.subject': '【督办】{plan}：导入时已逾期 {count} 项',
    'notifications.import.intro':
      '导入的方案中有 {count} 项任务已过截止日期，已汇入各单位下一期摘要，不再逐项发送。',
    'notifications.import.department_count': '{name}：{count} 项',
    'notifications.import.no_lead': '未确定牵头单位',

    // leadership weekly summary
    'notifications.summary.subject': '【督办】领导小组周报（{date} 当周）',
    'notifications.summary.by_department': '按部门',
    'notifications.summary.by_county': '按县（区、市）',
    'notifications.summary.overdue_list': '逾期通报',
    'notifications.summary.cert_at_risk': '有风险的认定节点',
    'notifications.summary.row': '{name}：在办 {open} 项，逾期 {overdue} 项',

    // 催办
    'notifications.notice.subject': '【督办通知】{number} {title}',
    'notifications.notice.intro':
      '{department}：{office}就以下任务发出督办通知{number}，请于{reply}前在督办系统中反馈办理情况。',
    'notifications.notice.intro_due':
      '{department}：{office}就以下任务发出督办通知{number}（办理时限{date}），请于{reply}前在督办系统中反馈办理情况。',
    'notifications.urge.subject': '【催办】{title}',
    'notifications.urge.intro': '{department}：{office}催办以下任务，请抓紧办理并在督办系统中报送办理情况。',
    'notifications.urge.intro_due':
      '{department}：{office}催办以下任务（办理时限 {date}），请抓紧办理并在督办系统中报送办理情况。',
    'notifications.urge.office': '领导小组办公室',

    // report request (recurring items)
    'notifications.report.subject': '【督办】请报送{period}办理情况：{title}',
    'notifications.report.intro': '{department}：请于 {date} 前报送{period}办理情况（{what}）。',

    // the unsubscribe pages
    'notifications.unsub.invalid_title': '链接无效',
    'notifications.unsub.invalid_body': '此退订链接无效或已过期，请在个人设置中管理邮件。',
    'notifications.unsub.confirm_title': '退订督办邮件',
    'notifications.unsub.confirm_button': '确认退订',
    'notifications.unsub.done_title': '已退订',
    'notifications.unsub.what_stops':
      '退订后不再收到摘要和一般提醒；截止前 7 个工作日、前 1 个工作日和到期当日的提醒以及督办单为必达通知，仍会发送（可在个人设置中调整摘要频率）。',

    // the outbox admin
    'notifications.outbox.not_found': '没有这条邮件记录：{id}',
    'notifications.outbox.not_retriable': '只能重发发送失败或已停止重试的邮件',
    'notifications.bad_preference': '邮件设置无效：摘要频率或语言不在可选范围内',
  },
  {
    'notifications.sender_name': 'Duban',
    'notifications.footer': 'Sent automatically by Duban; please do not reply to this mail.',
    'notifications.unsubscribe': 'Unsubscribe from these mails',
    'notifications.meta_due': 'due {date}',

    'notifications.day.tomorrow': 'tomorrow',
    'notifications.day.after_tomorrow': 'the day after tomorrow',
    'notifications.month_day': 'on {day} {month}',
    'notifications.date': '{day} {month} {year}',
    'notifications.month.1': 'Jan',
    'notifications.month.2': 'Feb',
    'notifications.month.3': 'Mar',
    'notifications.month.4': 'Apr',
    'notifications.month.5': 'May',
    'notifications.month.6': 'Jun',
    'notifications.month.7': 'Jul',
    'notifications.month.8': 'Aug',
    'notifications.month.9': 'Sep',
    'notifications.month.10': 'Oct',
    'notifications.month.11': 'Nov',
    'notifications.month.12': 'Dec',
    'notifications.weekday.1': 'Monday',
    'notifications.weekday.2': 'Tuesday',
    'notifications.weekday.3': 'Wednesday',
    'notifications.weekday.4': 'Thursday',
    'notifications.weekday.5': 'Friday',
    'notifications.weekday.6': 'Saturday',
    'notifications.weekday.7': 'Sunday',

    'notifications.rule.start': 'starts today',
    'notifications.rule.due_today': 'due today',
    'notifications.rule.due_day_ahead': 'due {day} ({weekday}); today is the last working day before it',
    'notifications.rule.before': 'due in {days} working days',
    'notifications.rule.overdue': 'overdue',
    'notifications.rule.overdue_one_day': 'overdue by 1 day',
    'notifications.rule.overdue_days': 'overdue by {days} days',
    'notifications.rule.other': 'reminder',

    'notifications.period.year': 'the year {year}',
    'notifications.period.h1': 'the first half of {year}',
    'notifications.period.h2': 'the second half of {year}',
    'notifications.period.q1': 'Q1 {year}',
    'notifications.period.q2': 'Q2 {year}',
    'notifications.period.q3': 'Q3 {year}',
    'notifications.period.q4': 'Q4 {year}',
    'notifications.period.month': '{month} {year}',

    'notifications.reminder.subject': '[Duban] {what}: {title}',
    'notifications.reminder.intro': '{department} ({role}): this item is {what} (deadline {date}).',
    'notifications.role.lead': 'lead department',
    'notifications.role.cooperate': 'cooperating department',
    'notifications.reminder.ack_late':
      'The deadline has passed and the assignment is still not acknowledged: acknowledge it and report now.',
    'notifications.reminder.ack': 'Please acknowledge (签收) the assignment.',
    'notifications.reminder.report_late': 'The item is overdue: submit your department’s report now.',
    'notifications.reminder.report': 'Please submit your department’s progress report.',
    'notifications.reminder.general_late': 'The item is overdue: act and report progress now.',
    'notifications.reminder.general': 'Please complete it on time and report progress.',

    'notifications.digest.subject': '[Duban] {title}',
    'notifications.digest.backlog': 'Overdue backlog',
    'notifications.digest.notes': 'Reminders in one mail',
    'notifications.digest.daily': 'Daily digest',
    'notifications.digest.weekly': 'Weekly digest',
    'notifications.digest.due_today': 'Due today',
    'notifications.digest.due_soon': 'Due soon',
    'notifications.digest.overdue': 'Overdue',
    'notifications.digest.awaiting_ack': 'Waiting for your acknowledgement',
    'notifications.digest.other': 'Other notices',
    'notifications.note.backlog': 'already overdue when imported (due {date})',
    'notifications.note.report_request': 'report for {period} requested',
    'notifications.note.reminder': 'reminder',

    'notifications.level.blue': 'Blue notice',
    'notifications.level.yellow': 'Yellow notice',
    'notifications.level.red': 'Red notice',
    'notifications.level_short.blue': 'blue',
    'notifications.level_short.yellow': 'yellow',
    'notifications.level_short.red': 'red',
    'notifications.reason.overdue': 'overdue',
    'notifications.reason.progress_red': 'progress far behind (red light)',
    'notifications.reason.other': 'other reason',
    'notifications.escalation.subject_one_level': '[Duban] {level}: {count} item(s)',
    'notifications.escalation.subject_mixed': '[Duban] {level}: {count} notices ({counts})',
    'notifications.escalation.subject_count': '{count} {level}',
    'notifications.escalation.count_separator': ', ',
    'notifications.escalation.intro':
      '{count} supervision notice(s) (督办单) were issued. Please act and report progress.',
    'notifications.escalation.reply_by': 'A written reply is due by {date}.',
    'notifications.escalation.level_heading': '{level} ({count})',
    'notifications.escalation.number': 'notice {number}',
    'notifications.queues_unavailable':
      'The job queue (Redis) is not answering, so its state cannot be read; mail and reminders are kept in the database and go out when it is back.',
    'notifications.escalation.reasons': 'reason: {reasons}',
    'notifications.escalation.overdue_days': 'overdue {days} day(s) ({working} working)',
    'notifications.escalation.note_reply_by': 'reply by {date}',
    'notifications.escalation.cc': 'cc {names}',
    'notifications.escalation.print': 'print {url}',

    'notifications.import.subject': '[Duban] {count} item(s) already overdue in {plan}',
    'notifications.import.intro':
      '{count} item(s) of the imported plan were already past due. They go into each department’s next digest instead of one mail per item.',
    'notifications.import.department_count': '{name}: {count}',
    'notifications.import.no_lead': 'no lead department yet',

    'notifications.summary.subject': '[Duban] Weekly summary, week of {date}',
    'notifications.summary.by_department': 'By department',
    'notifications.summary.by_county': 'By county',
    'notifications.summary.overdue_list': 'Overdue items',
    'notifications.summary.cert_at_risk': 'Certification milestones at risk',
    'notifications.summary.row': '{name}: {open} open, {overdue} overdue',

    'notifications.notice.subject': '[Duban] Supervision notice {number}: {title}',
    'notifications.notice.intro':
      '{department}: {office} issues supervision notice {number} on this item. Please reply in Duban by {reply}.',
    'notifications.notice.intro_due':
      '{department}: {office} issues supervision notice {number} on this item (due {date}). Please reply in Duban by {reply}.',
    'notifications.urge.subject': '[Duban] Urged by the office: {title}',
    'notifications.urge.intro': '{department}: {office} urges you to complete this item and report in Duban.',
    'notifications.urge.intro_due':
      '{department}: {office} urges you to complete this item (deadline {date}) and report in Duban.',
    'notifications.urge.office': 'the leadership group office',

    'notifications.report.subject': '[Duban] Report for {period}: {title}',
    'notifications.report.intro':
      '{department}: please report on this recurring item for {period} by {date} ({what}).',

    'notifications.unsub.invalid_title': 'Invalid link',
    'notifications.unsub.invalid_body':
      'This unsubscribe link is not valid or has expired; manage mail in your settings.',
    'notifications.unsub.confirm_title': 'Unsubscribe from Duban mail',
    'notifications.unsub.confirm_button': 'Unsubscribe',
    'notifications.unsub.done_title': 'Unsubscribed',
    'notifications.unsub.what_stops':
      'Digests and general reminders stop; the 7-day, 1-day and due-day reminders and escalation notices are mandatory and still arrive (digest frequency can be changed in your settings).',

    'notifications.outbox.not_found': 'No such message: {id}',
    'notifications.outbox.not_retriable': 'Only failed or dead messages can be retried',
    'notifications.bad_preference': 'Invalid mail settings: unknown digest frequency or language',
  },
);
