import { closeOnSignals } from '../services/kernel/http.js';
import { logger } from '../services/kernel/logger.js';
import { startSelectedGateway } from './engines/select.js';

const gateway = await startSelectedGateway();
closeOnSignals([gateway], logger('gateway'));
