import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module';
import { UsersModule } from '../users/users.module';
import { AccessGuard } from './access.guard';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { LoginThrottle } from './login-throttle';
import { Session } from './session.entity';

@Module({
  imports: [TypeOrmModule.forFeature([Session]), UsersModule, AuditModule],
  providers: [AuthService, LoginThrottle, { provide: APP_GUARD, useClass: AccessGuard }],
  controllers: [AuthController],
  exports: [AuthService],
})
export class AuthModule {}
