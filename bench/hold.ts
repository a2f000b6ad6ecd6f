// Keeps a bench lab up until SIGTERM, for profiling by hand:
//   node --import tsx bench/hold.ts NAMESPACES PROCESSES &   ...   kill -TERM PID
import {BenchLab} from './lab.js';
const [namespaces = 200, processes = 3000] = process.argv.slice(2).map(Number);
const lab = new BenchLab(`nstui-hold-${process.pid}`);
try {
	await lab.up(namespaces, processes);
	console.log('up');
	await new Promise(resolve => process.once('SIGTERM', resolve));
} finally {
	await lab.down();
	console.log('down');
}
