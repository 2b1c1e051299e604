package io.veltrix.platform.eventstore.notify;

import java.util.List;
import java.util.function.BiFunction;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;

/**
 * Hooks every event publication: once the unit of work that published it has committed, the
 * {@link CommitNotifier} is signalled (once per unit of work). Without a unit of work Axon appends
 * at once, so the signal follows right away.
 */
public final class NotifyAfterCommit implements MessageDispatchInterceptor<EventMessage<?>> {

    private static final String REGISTERED = NotifyAfterCommit.class.getName() + ".registered";

    private final CommitNotifier notifier;

    public NotifyAfterCommit(CommitNotifier notifier) {
        this.notifier = notifier;
    }

    @Override
    public BiFunction<Integer, EventMessage<?>, EventMessage<?>> handle(List<? extends EventMessage<?>> messages) {
        if (!messages.isEmpty()) {
            if (CurrentUnitOfWork.isStarted()) {
                var uow = CurrentUnitOfWork.get().root();
                if (uow.resources().putIfAbsent(REGISTERED, Boolean.TRUE) == null) {
                    uow.afterCommit(u -> notifier.signal());
                }
            } else {
                notifier.signal();
            }
        }
        return (i, message) -> message;
    }
}
