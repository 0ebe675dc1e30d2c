package io.proxyline.query;

import static org.assertj.core.api.Assertions.assertThat;

import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;

/** Feeds events to a projection the way an event processor does: through Axon's annotation adapter. */
public final class ProjectionDriver {
    private final AnnotationEventHandlerAdapter adapter;

    public ProjectionDriver(Object projection) {
        this.adapter = new AnnotationEventHandlerAdapter(projection);
    }

    public void apply(Object event) {
        EventMessage<?> message = GenericEventMessage.asEventMessage(event);
        assertThat(adapter.canHandle(message)).as("has a handler for %s", event.getClass().getSimpleName()).isTrue();
        try {
            adapter.handle(message);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public void applyAll(Iterable<?> events) {
        events.forEach(this::apply);
    }

    /** What a processor does before a replay: calls the {@code @ResetHandler}s. */
    public void reset() {
        adapter.prepareReset();
    }
}
