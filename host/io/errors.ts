// Errors the user can act on, said in words: one line on stderr, exit code 2, never a stack trace.

/** A mistake of the user's (bad option, unreadable file): one line on stderr, exit code 2, no stack. */
export class UsageError extends Error {}

const WORDS: Record<string, string> = {
  ENOENT: 'no such file or directory',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EISDIR: 'is a directory',
  ENOTDIR: 'a part of the path is not a directory',
  ENOSPC: 'no space left on device',
  EDQUOT: 'disk quota exceeded',
  EROFS: 'read-only file system',
  EIO: 'input/output error',
  EMFILE: 'too many open files',
  ENFILE: 'too many open files in the system',
  ENAMETOOLONG: 'file name too long',
  ELOOP: 'too many levels of symbolic links',
  EFBIG: 'file too large',
  ENXIO: 'no such device or address',
  EBADF: 'bad file descriptor',
  EINVAL: 'invalid argument',
  EPIPE: 'broken pipe',
};

/** What went wrong with a system call, as `strerror` says it ("no such file or directory"), not ENOENT. */
export function reason(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  if (err?.code && WORDS[err.code]) return WORDS[err.code];
  // Node's messages read "ENOENT: no such file or directory, open 'x'": keep the words in the middle.
  const m = /^[A-Z0-9_]+: ([^,]+)/.exec(err?.message ?? '');
  return m ? m[1] : String(err?.message ?? e);
}
