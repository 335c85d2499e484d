import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Queryable } from './queryable';

// One transaction across repositories: each method given `m` runs in it, and they commit or roll back together.
@Injectable()
export class Transactions {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  run<T>(work: (m: Queryable) => Promise<T>): Promise<T> {
    return this.dataSource.transaction((m) => work(m));
  }
}
