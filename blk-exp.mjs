import { jetstream, jetstreamManager, StorageType } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { rmSync } from 'node:fs';
const [url, dir] = process.argv.slice(2);
const nc = await connect({ servers: url }); const jsm = await jetstreamManager(nc); const js = jetstream(nc);
await jsm.streams.add({ name: 'BLK', subjects: ['blk.>'], storage: StorageType.File, duplicate_window: 120e9 });
await js.publish('blk.a', 'first');
rmSync(`${dir}/jetstream/$G/streams/BLK/msgs`, { recursive: true });
try { console.log('purge', JSON.stringify(await jsm.streams.purge('BLK'))); } catch (e) { console.log('purge failed', e.message); }
for (let i = 0; i < 3; i++) {
  try { const a = await js.publish('blk.a', 'x', { msgID: 'm' + i }); console.log('ok', a.seq); }
  catch (e) { console.log('fail', e.name, e.code, e.status, e.message); }
}
console.log(JSON.stringify((await jsm.streams.info('BLK')).state));
await jsm.streams.delete('BLK'); await jsm.streams.add({ name: 'BLK', subjects: ['blk.>'], storage: StorageType.File, duplicate_window: 120e9 });
try { const a = await js.publish('blk.a', 'x', { msgID: 'again' }); console.log('after recreate ok', a.seq); } catch (e) { console.log('after recreate fail', e.message); }
await nc.close();
