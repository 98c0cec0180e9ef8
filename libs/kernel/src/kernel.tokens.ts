/** The names of the services this process runs (one, or all six standalone). */
export const KERNEL_SERVICES = Symbol('KERNEL_SERVICES');
