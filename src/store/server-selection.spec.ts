import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chooseServer, findLocalMongod, hostsOf, redactUri, withoutPassword } from './server-selection';

let root: string;
let places: { cwd: string; homedir: string };
beforeEach(() => {
  root = mkdtempSync(path.join(os.tmpdir(), 'zs-select-'));
  places = { cwd: path.join(root, 'project'), homedir: path.join(root, 'home') };
  mkdirSync(places.cwd);
  mkdirSync(places.homedir);
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

function fakeBinary(file: string, executable = true): string {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, '#!/bin/sh\n');
  chmodSync(file, executable ? 0o755 : 0o644);
  return file;
}

describe('chooseServer', () => {
  it('takes MONGODB_URI first, even when a mongod is on disk', () => {
    const binary = fakeBinary(path.join(root, 'bin', 'mongod'));
    expect(chooseServer({ MONGODB_URI: 'mongodb://db:27017', MONGOMS_SYSTEM_BINARY: binary }, places)).toEqual({ kind: 'uri', uri: 'mongodb://db:27017' });
  });

  it('uses mongodb-memory-server with MONGOMS_SYSTEM_BINARY when that file exists', () => {
    const binary = fakeBinary(path.join(root, 'bin', 'mongod'));
    expect(chooseServer({ MONGOMS_SYSTEM_BINARY: binary }, places)).toEqual({ kind: 'memory-server', binary });
  });

  it('ignores a MONGOMS_SYSTEM_BINARY that does not exist or cannot run', () => {
    expect(chooseServer({ MONGOMS_SYSTEM_BINARY: path.join(root, 'missing') }, places)).toEqual({ kind: 'in-process' });
    const notExecutable = fakeBinary(path.join(root, 'bin', 'mongod'), false);
    expect(chooseServer({ MONGOMS_SYSTEM_BINARY: notExecutable }, places)).toEqual({ kind: 'in-process' });
  });

  it.each([
    ['the home cache', (p: typeof places) => path.join(p.homedir, '.cache', 'mongodb-binaries')],
    ['node_modules/.cache', (p: typeof places) => path.join(p.cwd, 'node_modules', '.cache', 'mongodb-memory-server')],
    ['MONGOMS_DOWNLOAD_DIR', () => path.join(root, 'downloads')],
  ])('finds a binary already downloaded to %s', (_where, dirOf) => {
    const binary = fakeBinary(path.join(dirOf(places), 'mongod-x64-ubuntu-7.0.14'));
    expect(findLocalMongod({ MONGOMS_DOWNLOAD_DIR: path.join(root, 'downloads') }, places)).toBe(binary);
  });

  it('falls back to the in-process server when nothing is on disk', () => {
    fakeBinary(path.join(places.homedir, '.cache', 'mongodb-binaries', 'not-a-mongod'));
    expect(chooseServer({}, places)).toEqual({ kind: 'in-process' });
  });
});

describe('hosts and passwords', () => {
  const uri = 'mongodb://zorg:s%40cr3t@db1.example.be:27017,db2.example.be/zorgspiegel?replicaSet=rs0';

  it('names the hosts without the credentials', () => {
    expect(hostsOf(uri)).toBe('db1.example.be:27017,db2.example.be');
    expect(hostsOf('mongodb+srv://u:p@cluster0.abc.mongodb.net')).toBe('cluster0.abc.mongodb.net');
    expect(hostsOf('mongodb://localhost:27017')).toBe('localhost:27017');
  });

  it('redacts the password from the URI and from any text', () => {
    expect(redactUri(uri)).toBe('mongodb://zorg:***@db1.example.be:27017,db2.example.be/zorgspiegel?replicaSet=rs0');
    expect(redactUri('mongodb://localhost')).toBe('mongodb://localhost');
    expect(withoutPassword('auth failed for s@cr3t and s%40cr3t', uri)).toBe('auth failed for *** and ***');
    expect(withoutPassword('nothing to hide', 'mongodb://localhost')).toBe('nothing to hide');
  });
});
