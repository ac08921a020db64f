/**
 * Who receives a department's mail (pure). A department is reached through its 联络人 (a name, phone and e-mail
 * the office keeps, no account needed) and through its accounts (the 负责人 and 科室负责人 users). Two kinds of
 * mail, two rules — the one place they are written down:
 *
 * - 督办 correspondence (督办件, 催办, 督办单 主送) is addressed to the department as such: it goes to the
 *   联络人 when one is named, to the accounts otherwise. One address, so the department answers once.
 * - Routine mail (reminders, report requests) follows each account's own settings (digest, daily cap,
 *   unsubscribe); the 联络人 gets it only when no account can, so a department without accounts is not left
 *   without its reminders.
 */

/** An address that is no user account: a department's 联络人, an office's mailbox. */
export interface MailAddress {
  email: string;
  /** How mail and the printed 督办单 name the addressee. */
  name: string;
}

export interface DepartmentMailTo {
  departmentId: string;
  departmentName: string;
  /** The 联络人's address; null when no e-mail is on file. */
  contact: MailAddress | null;
  /** Active 负责人 and 科室负责人 accounts. */
  userIds: string[];
}

export type DepartmentMailKind = 'supervision' | 'routine';

export interface DepartmentRecipients {
  userIds: string[];
  address: MailAddress | null;
}

export function departmentRecipients(to: DepartmentMailTo, kind: DepartmentMailKind): DepartmentRecipients {
  if (kind === 'supervision')
    return to.contact ? { userIds: [], address: to.contact } : { userIds: to.userIds, address: null };
  return to.userIds.length ? { userIds: to.userIds, address: null } : { userIds: [], address: to.contact };
}

/** The office-bound mail of a region: its mailbox when set, else (a problem the workbench shows) its users. */
export function officeRecipients(
  mailbox: MailAddress | null,
  officeUserIds: readonly string[],
): DepartmentRecipients {
  return mailbox ? { userIds: [], address: mailbox } : { userIds: [...officeUserIds], address: null };
}
