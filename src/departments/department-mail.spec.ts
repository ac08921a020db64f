import { departmentRecipients, type DepartmentMailTo, officeRecipients } from './department-mail';

const dept = (contact: boolean, users: string[]): DepartmentMailTo => ({
  departmentId: 'd',
  departmentName: '住建局',
  contact: contact ? { email: 'wang@example.gov.cn', name: '王联络' } : null,
  userIds: users,
});

describe('who receives a department’s mail', () => {
  it('督办 correspondence: the 联络人 when named, else the accounts', () => {
    expect(departmentRecipients(dept(true, ['u1']), 'supervision')).toEqual({
      userIds: [],
      address: { email: 'wang@example.gov.cn', name: '王联络' },
    });
    expect(departmentRecipients(dept(false, ['u1']), 'supervision')).toEqual({
      userIds: ['u1'],
      address: null,
    });
  });

  it('routine mail: the accounts (their settings), the 联络人 only when no account can receive it', () => {
    expect(departmentRecipients(dept(true, ['u1', 'u2']), 'routine')).toEqual({
      userIds: ['u1', 'u2'],
      address: null,
    });
    expect(departmentRecipients(dept(true, []), 'routine').address?.email).toBe('wang@example.gov.cn');
    expect(departmentRecipients(dept(false, []), 'routine')).toEqual({ userIds: [], address: null });
  });

  it('office-bound mail: the mailbox when set, else the office accounts', () => {
    const mailbox = { email: 'office@example.gov.cn', name: '督查室' };
    expect(officeRecipients(mailbox, ['o1'])).toEqual({ userIds: [], address: mailbox });
    expect(officeRecipients(null, ['o1'])).toEqual({ userIds: ['o1'], address: null });
  });
});
