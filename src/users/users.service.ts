import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { QueryFailedError, type Repository } from 'typeorm';
import { DomainError, ErrorCode } from '../common/domain-error';
import { hashPassword, passwordProblemSummary, passwordProblems } from './password';
import type { Role } from '../access/role.enum';
import type { Locale } from '../common/locale';
import { User } from './user.entity';
import { msg } from '../common/i18n/catalog';

export interface NewUser {
  email: string;
  name: string;
  role: Role;
  password: string;
  departmentId?: string | null;
  /** The user's area when it is not their department's region (PlanScope). */
  regionCode?: string | null;
  locale?: Locale;
}

/**
 * A write naming a department or region that does not exist is the caller's mistake, not a 500.
 * @throws DomainError VALIDATION_FAILED naming the field; rethrows anything else
 */
function refusingMissingReferences(error: unknown): never {
  const driverError =
    error instanceof QueryFailedError ? (error.driverError as { code?: string; detail?: string }) : null;
  if (driverError?.code === '23503') {
    const field = /region_code/.test(driverError.detail ?? '') ? 'regionCode' : 'departmentId';
    throw new DomainError(
      ErrorCode.VALIDATION_FAILED,
      msg(field === 'regionCode' ? 'users.region_not_found' : 'users.department_not_found', { field }),
      [
        {
          field,
          problems: [
            msg('users.reference_missing', {
              field: msg(field === 'regionCode' ? 'users.field_region' : 'users.field_department'),
            }),
          ],
        },
      ],
    );
  }
  throw error;
}

@Injectable()
export class UsersService {
  constructor(@InjectRepository(User) private readonly users: Repository<User>) {}

  async create(input: NewUser): Promise<User> {
    const email = input.email.trim().toLowerCase();
    const problems = passwordProblems(input.password);
    if (problems.length) {
      throw new DomainError(
        ErrorCode.VALIDATION_FAILED,
        msg('users.password_weak', { problem: passwordProblemSummary(problems) }),
        [{ field: 'password', problems }],
      );
    }
    if (await this.users.existsBy({ email })) {
      throw new DomainError(ErrorCode.CONFLICT, msg('users.user_exists', { email }));
    }
    const user = this.users.create({
      email,
      name: input.name.trim(),
      role: input.role,
      departmentId: input.departmentId ?? null,
      regionCode: input.regionCode ?? null,
      locale: input.locale ?? 'zh-CN',
      passwordHash: await hashPassword(input.password),
      isActive: true,
    });
    const saved = await this.users.save(user).catch(refusingMissingReferences);
    return this.get(saved.id);
  }

  async get(id: string): Promise<User> {
    const user = await this.users.findOneBy({ id });
    if (!user) throw new DomainError(ErrorCode.NOT_FOUND, msg('users.user_not_found', { id }));
    return user;
  }

  /** Users, oldest first; `area` (PlanScope.area): only those whose area root or department lies in it. */
  list(area: readonly string[] | null = null): Promise<User[]> {
    const qb = this.users.createQueryBuilder('u').orderBy('u.createdAt', 'ASC');
    if (area) {
      qb.where(
        `(u.region_code = ANY(:area::text[]) OR EXISTS (SELECT 1 FROM departments d
           WHERE d.id = u.department_id AND d.region_code = ANY(:area::text[])))`,
        { area },
      );
    }
    return qb.getMany();
  }

  findWithPassword(email: string): Promise<User | null> {
    return this.users
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .where('u.email = :email', { email: email.trim().toLowerCase() })
      .getOne();
  }

  async setPassword(id: string, password: string): Promise<void> {
    await this.users.update({ id }, { passwordHash: await hashPassword(password) });
  }

  async update(
    id: string,
    patch: Partial<Pick<User, 'name' | 'role' | 'departmentId' | 'regionCode' | 'isActive' | 'locale'>>,
  ): Promise<User> {
    await this.get(id);
    await this.users.update({ id }, patch).catch(refusingMissingReferences);
    return this.get(id);
  }
}
