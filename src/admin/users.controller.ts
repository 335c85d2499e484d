import { Body, Controller, Get, HttpCode, HttpStatus, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { CurrentUser } from '../auth/auth.decorators';
import type { CurrentUserInfo } from '../auth/auth.types';
import { IdPipe } from '../cases/cases.controller';
import { ApiErrors } from './admin.exception';
import {
  CreatedUserDto,
  CreateUserDto,
  PasswordResetDto,
  UpdateUserDto,
  UserDto,
  UserListDto,
  UsersQueryDto,
} from './users.dto';
import { UsersService } from './users.service';

const BAD_ID: [number, string] = [400, 'the user id is not a UUID'];
const NOT_FOUND: [number, string] = [404, 'no such user'];

@ApiTags('administration')
@ApiBearerAuth()
@Controller('api/v1/users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @ApiOperation({ summary: 'the accounts, by username, filtered by office, agency, role or active; paged' })
  @ApiResponse({ status: 200, type: UserListDto })
  @ApiErrors([422, 'a filter is not valid'])
  list(@Query() q: UsersQueryDto): Promise<UserListDto> {
    return this.users.list(q);
  }

  @Post()
  @ApiOperation({ summary: 'create an account; a password left out is generated and answered this once' })
  @ApiResponse({ status: 201, type: CreatedUserDto })
  @ApiErrors(
    [409, 'the username is taken'],
    [422, 'a field is not valid, the office or agency is unknown, or the role lacks the office or agency it needs'],
  )
  create(@Body() dto: CreateUserDto): Promise<CreatedUserDto> {
    return this.users.create(dto);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'change the role, office, agency, display name or e-mail of an account' })
  @ApiResponse({ status: 200, type: UserDto })
  @ApiErrors(
    BAD_ID,
    NOT_FOUND,
    [409, 'your own role'],
    [422, 'a field is not valid, the office or agency is unknown, or the role lacks the office or agency it needs'],
  )
  update(
    @Param('id', new IdPipe('user')) id: string,
    @Body() dto: UpdateUserDto,
    @CurrentUser() caller: CurrentUserInfo,
  ): Promise<UserDto> {
    return this.users.update(id, dto, caller);
  }

  @Post(':id/deactivate')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'deactivate an account: it cannot sign in, and its tokens are refused from now on' })
  @ApiResponse({ status: 200, type: UserDto })
  @ApiErrors(BAD_ID, NOT_FOUND, [409, 'your own account'])
  deactivate(@Param('id', new IdPipe('user')) id: string, @CurrentUser() caller: CurrentUserInfo): Promise<UserDto> {
    return this.users.setActive(id, false, caller);
  }

  @Post(':id/reactivate')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'let a deactivated account sign in again' })
  @ApiResponse({ status: 200, type: UserDto })
  @ApiErrors(BAD_ID, NOT_FOUND)
  reactivate(@Param('id', new IdPipe('user')) id: string, @CurrentUser() caller: CurrentUserInfo): Promise<UserDto> {
    return this.users.setActive(id, true, caller);
  }

  @Post(':id/password-reset')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'set a new generated password, answered this once (the audit log records the reset, not the password)',
  })
  @ApiResponse({ status: 200, type: PasswordResetDto })
  @ApiErrors(BAD_ID, NOT_FOUND)
  resetPassword(@Param('id', new IdPipe('user')) id: string): Promise<PasswordResetDto> {
    return this.users.resetPassword(id);
  }
}
