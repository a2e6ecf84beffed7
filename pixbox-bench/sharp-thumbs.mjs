// The sharp side of compare.sh: the same thumbnails as `pixbox process --recipe
// fit:400:400/format:jpeg/quality:85`, made with sharp, one file per core at a time.
// Usage: SHARP_HOME=DIR node sharp-thumbs.mjs OUT_DIR FILE...
//   SHARP_HOME holds node_modules/sharp (compare.sh installs it there); without it, the usual lookup.
import { availableParallelism } from 'node:os';
import { basename, extname, join } from 'node:path';
import { createRequire } from 'node:module';

const sharp = process.env.SHARP_HOME
  ? createRequire(join(process.env.SHARP_HOME, 'noop.js'))('sharp')
  : (await import('sharp')).default;

const [out, ...files] = process.argv.slice(2);
if (!out || files.length === 0) {
  console.error('usage: node sharp-thumbs.mjs OUT_DIR FILE...');
  process.exit(2);
}

// Pixbox turns images upright from their EXIF orientation, as vipsthumbnail does; sharp does so
// only when asked. Metadata is stripped by default. sharp.concurrency() keeps its default.
const thumbnail = (file) => sharp(file)
  .autoOrient()
  .resize(400, 400, { fit: 'inside', withoutEnlargement: true })
  .jpeg({ quality: 85 })
  .toFile(join(out, basename(file, extname(file)) + '.jpg'));

const failures = [];
let next = 0;
const worker = async () => {
  while (next < files.length) {
    const file = files[next++];
    try {
      await thumbnail(file);
    } catch (e) {
      failures.push(`${file}: ${e.message}`);
    }
  }
};
await Promise.all(Array.from({ length: availableParallelism() }, worker));

if (failures.length > 0) {
  console.error(`sharp: ${failures.length} of ${files.length} failed\n` + failures.join('\n'));
  process.exit(1);
}
