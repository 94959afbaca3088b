import { closeOnSignals } from '../services/kernel/http.js';
import { logger } from '../services/kernel/logger.js';
import { startGateway } from './gateway.js';

const gateway = await startGateway();
closeOnSignals([gateway], logger('gateway'));
