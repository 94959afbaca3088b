import { unifiedGraphHandler } from '@graphql-hive/router-runtime';
import { closeOnSignals } from '../../services/kernel/http.js';
import { logger } from '../../services/kernel/logger.js';
import { startHiveGateway } from './hive-gateway.js';

const gateway = await startHiveGateway({ unifiedGraphHandler });
closeOnSignals([gateway], logger('gateway'));
