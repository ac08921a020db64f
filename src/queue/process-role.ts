export type ProcessRole = 'api' | 'worker' | 'all';

export const runsApi = (role: ProcessRole): boolean => role !== 'worker';
export const runsWorker = (role: ProcessRole): boolean => role !== 'api';
