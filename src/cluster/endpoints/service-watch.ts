// Event wiring shared by the Endpoints and EndpointSlice controllers: a Service change queues the
// Service, a pod change queues every Service of its namespace that selects the pod before or
// after the change (a relabelled pod leaves one Service and joins another).
import type { Pod, Service } from '../../api/core-v1.js';
import { enqueueObject, type KeyQueue } from '../../runtime/handlers.js';
import { objectKey, type Informer } from '../../runtime/informer.js';
import { selectsPod } from './service-pods.js';

export function watchServicePods(services: Informer<Service>, pods: Informer<Pod>, queue: KeyQueue): void {
  services.addHandlers(enqueueObject(queue));
  const fromPods = (...changed: Pod[]) => {
    for (const svc of services.list()) {
      if (changed.some((p) => selectsPod(svc, p))) queue.add(objectKey(svc));
    }
  };
  pods.addHandlers({ onAdd: (p) => fromPods(p), onUpdate: (p, old) => fromPods(p, old), onDelete: (p) => fromPods(p) });
}
