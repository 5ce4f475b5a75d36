export { registerDiagnostics } from './registerDiagnostics';
