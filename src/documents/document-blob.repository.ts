import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { DocumentStore } from './document-store';

// The SQL of `document_blobs`: the embedded document store (DOCUMENT_STORE=postgres). Rows hold ciphertext only.
@Injectable()
export class DocumentBlobRepository implements DocumentStore {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async put(key: string, sealed: Buffer): Promise<void> {
    await this.dataSource.query(`INSERT INTO document_blobs (key, sealed) VALUES ($1, $2)`, [key, sealed]);
  }

  async get(key: string): Promise<Buffer | null> {
    const rows = (await this.dataSource.query(`SELECT sealed FROM document_blobs WHERE key = $1`, [key])) as {
      sealed: Buffer;
    }[];
    return rows[0]?.sealed ?? null;
  }

  async delete(key: string): Promise<void> {
    await this.dataSource.query(`DELETE FROM document_blobs WHERE key = $1`, [key]);
  }
}
