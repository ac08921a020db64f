import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { DomainError, ErrorCode } from '../common/domain-error';
import { hashPassword, passwordProblems } from './password';
import type { Role } from '../access/role.enum';
import type { Locale } from '../common/locale';
import { User } from './user.entity';

export interface NewUser {
  email: string;
  name: string;
  role: Role;
  password: string;
  departmentId?: string | null;
  locale?: Locale;
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
        `密码不符合要求 / Password: ${problems.join('; ')}`,
        problems,
      );
    }
    if (await this.users.existsBy({ email })) {
      throw new DomainError(ErrorCode.CONFLICT, `用户已存在 / A user with email ${email} already exists`);
    }
    const user = this.users.create({
      email,
      name: input.name.trim(),
      role: input.role,
      departmentId: input.departmentId ?? null,
      locale: input.locale ?? 'zh-CN',
      passwordHash: await hashPassword(input.password),
      isActive: true,
    });
    const saved = await this.users.save(user);
    return this.get(saved.id);
  }

  async get(id: string): Promise<User> {
    const user = await this.users.findOneBy({ id });
    if (!user) throw new DomainError(ErrorCode.NOT_FOUND, `没有此用户 / No user ${id}`);
    return user;
  }

  list(): Promise<User[]> {
    return this.users.find({ order: { createdAt: 'ASC' } });
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
    patch: Partial<Pick<User, 'name' | 'role' | 'departmentId' | 'isActive' | 'locale'>>,
  ): Promise<User> {
    await this.get(id);
    await this.users.update({ id }, patch);
    return this.get(id);
  }
}
