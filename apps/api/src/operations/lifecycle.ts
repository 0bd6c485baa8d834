/**
 * Where this process is in its life. Once draining (a SIGTERM), readiness answers 503 so that a load
 * balancer sends new requests elsewhere while the ones in flight finish.
 */
export class Lifecycle {
  draining = false;
}
