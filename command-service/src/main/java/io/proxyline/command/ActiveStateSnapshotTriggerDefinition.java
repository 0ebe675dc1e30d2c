package io.proxyline.command;

import io.proxyline.api.session.ProxySessionCreatedEvent;
import io.proxyline.command.connector.SnapshotWeight;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.AbstractSnapshotTrigger;
import org.axonframework.eventsourcing.SnapshotTrigger;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;

/**
 * Snapshots a connector after {@code max(minEvents, weight)} events since its last snapshot, where
 * the weight is what a snapshot holds: its active sessions and the pairs of the sticky memory.
 *
 * <p>A snapshot costs O(weight) (Axon's snapshotter reads the last snapshot, applies the events
 * after it and serializes the state), so a fixed count of events between snapshots makes the cost
 * per event grow with the number of active sessions: at ~40k active sessions and a threshold of
 * 1,000 the snapshot thread took 17 % of the app's CPU under creates (docs/benchmarks.md, the JFR
 * of 2026-12-07 15:34). Spacing them by the weight keeps the snapshot work per event constant, and
 * a load still reads O(active): the snapshot plus at most about as many events as it holds.
 *
 * <p>The weight is the last snapshot's (seen when the connector is loaded from it) plus one per
 * session created since; closings are not subtracted (a closed pair stays in the sticky memory for
 * its window). The spacing is fixed when a snapshot is scheduled or read, so while sessions only
 * accumulate the snapshots come at geometrically growing intervals: O(1) snapshot work per event.
 */
public final class ActiveStateSnapshotTriggerDefinition implements SnapshotTriggerDefinition {
    private final Snapshotter snapshotter;
    private final int minEvents;

    public ActiveStateSnapshotTriggerDefinition(Snapshotter snapshotter, int minEvents) {
        if (minEvents < 1) throw new IllegalArgumentException("minEvents must be at least 1");
        this.snapshotter = snapshotter;
        this.minEvents = minEvents;
    }

    @Override
    public SnapshotTrigger prepareTrigger(Class<?> aggregateType) {
        return new Trigger(snapshotter, aggregateType, minEvents);
    }

    @Override
    public SnapshotTrigger reconfigure(Class<?> aggregateType, SnapshotTrigger trigger) {
        if (trigger instanceof Trigger t) {
            t.setSnapshotter(snapshotter);
            return t;
        }
        return prepareTrigger(aggregateType);
    }

    static final class Trigger extends AbstractSnapshotTrigger {
        private static final long serialVersionUID = 1L;
        private final int minEvents;
        private int counter;
        private long weight;
        /** Events after which the next snapshot is due: the weight when the last one was taken or read. */
        private long limit;

        Trigger(Snapshotter snapshotter, Class<?> aggregateType, int minEvents) {
            super(snapshotter, aggregateType);
            this.minEvents = minEvents;
            this.limit = minEvents;
        }

        @Override
        public void eventHandled(EventMessage<?> msg) {
            Object payload = msg.getPayload();
            if (payload instanceof SnapshotWeight snapshot) {
                weight = snapshot.snapshotWeight();
                limit = Math.max(minEvents, weight);
                counter = 0;
            } else if (payload instanceof ProxySessionCreatedEvent) {
                weight++;
            }
            super.eventHandled(msg);
        }

        @Override
        protected boolean exceedsThreshold() {
            counter++;
            return counter > limit;
        }

        @Override
        protected void reset() {
            counter = 0;
            limit = Math.max(minEvents, weight);
        }

        /** Events after which the next snapshot is due, as of now. */
        long limit() {
            return limit;
        }
    }
}
