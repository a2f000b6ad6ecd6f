// Every action nstui can take, for the UI's hotkeys. Each validates its input
// (running nothing when it is bad), runs one command, logs it, and returns an ActionResult.
export {addNamespace, attachNamespaceName, deleteNamespace, setForwarding} from './namespaces.js';
export {
	addBridge,
	addVethPair,
	addVrf,
	clearMaster,
	deleteInterface,
	moveInterface,
	setLinkState,
	setMaster,
	type VethRequest,
} from './links.js';
export {
	addAddress,
	addRoute,
	deleteAddress,
	deleteRoute,
	type AddRouteRequest,
} from './addresses-routes.js';
export {addMasquerade, removeMasquerade, type MasqueradeRequest} from './masquerade.js';
export {ping} from './ping.js';
export {openShell, shellInvocation, type ShellRequest} from './shell.js';
export type {ActionContext, ActionResult} from './perform.js';
export {actionsAvailable} from './permission.js';
export {netnsRefOf, targetFor} from './targets.js';
export {openTermshark, termsharkMissing, type TermsharkRequest} from './termshark.js';
