// @tus/file-store without two file operations per upload that the store does not need (issue
// #22 item 3: a drained backlog is hundreds of small files, and each paid them): the mkdir of
// the folder on every creation (it exists: storage.ts makes it at start, and upload ids are
// flat), and the read of the upload's .json on every PATCH and HEAD (kept in memory as it is
// written). The .json files stay the record: after a restart, or for an upload the memory has
// let go of, they are read as before.
import fs from 'node:fs/promises';
import path from 'node:path';
import { FileConfigstore, FileStore } from '@tus/file-store';
import type { Upload } from '@tus/server';
import { keepNewest } from '../keep-newest';

/** Most uploads' metadata kept in memory (a week's backlog of a terminal is a few hundred). */
const MAX_REMEMBERED = 10_000;

/** The .json files, with what was written last kept in memory (as JSON: no caller shares an object). */
export class RememberingConfigstore extends FileConfigstore {
  private readonly written = new Map<string, string>();

  override async get(key: string): Promise<Upload | undefined> {
    const json = this.written.get(key);
    return json !== undefined ? (JSON.parse(json) as Upload) : super.get(key);
  }

  override async set(key: string, value: Upload): Promise<void> {
    // On disk first: memory never holds what the file does not.
    await super.set(key, value);
    keepNewest(this.written, key, JSON.stringify(value), MAX_REMEMBERED);
  }

  override async delete(key: string): Promise<void> {
    this.written.delete(key);
    await super.delete(key);
  }
}

export class LeanFileStore extends FileStore {
  constructor(directory: string) {
    super({ directory, configstore: new RememberingConfigstore(directory) });
  }

  override async create(file: Upload): Promise<Upload> {
    // Ids are the store's own (tus-server.ts namingFunction), never a path; anything else goes the library's way.
    if (path.basename(file.id) !== file.id) return super.create(file);
    const filePath = path.join(this.directory, file.id);
    try {
      await fs.writeFile(filePath, '');
    } catch (error) {
      // The folder went away under a running store: the library's way makes it again.
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return super.create(file);
      throw error;
    }
    await this.configstore.set(file.id, file);
    file.storage = { type: 'file', path: filePath };
    return file;
  }
}
