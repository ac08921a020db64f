import { randomBytes } from 'node:crypto';
import { type CliCommand, parseArgs } from '../cli/cli-command';
import { ALL_ROLES, type Role } from '../access/role.enum';
import { UsersService } from './users.service';

/** A password that satisfies passwordProblems(): letters and digits, 16 characters. */
export function generatePassword(): string {
  const base = randomBytes(12).toString('base64url').replace(/[-_]/g, 'x');
  return `${base}7k`;
}

export const usersCreateCommand: CliCommand = {
  name: 'users:create',
  usage: 'users:create --email EMAIL --name NAME --role ROLE [--password PASSWORD] [--department-id UUID]',
  description:
    'Create a user (the first admin, too). Without --password a strong one is generated and printed once.',
  async run(args, ctx) {
    const { flags } = parseArgs(args);
    const email = flags.email;
    const name = flags.name;
    const role = flags.role;
    if (typeof email !== 'string' || typeof name !== 'string' || typeof role !== 'string') {
      ctx.err(`usage: ${this.usage}`);
      return 2;
    }
    if (!ALL_ROLES.includes(role as Role)) {
      ctx.err(`--role must be one of ${ALL_ROLES.join(', ')} (got "${role}")`);
      return 2;
    }
    const password =
      typeof flags.password === 'string'
        ? flags.password
        : (process.env.DUBAN_PASSWORD ?? generatePassword());
    const app = await ctx.app();
    const user = await app.get(UsersService).create({
      email,
      name,
      role: role as Role,
      password,
      departmentId: typeof flags['department-id'] === 'string' ? flags['department-id'] : null,
    });
    ctx.out(`created ${user.role} ${user.email} (${user.id})`);
    if (typeof flags.password !== 'string' && !process.env.DUBAN_PASSWORD) ctx.out(`password: ${password}`);
    return 0;
  },
};
