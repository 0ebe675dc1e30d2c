package io.proxyline.command.connector;

/** What an aggregate's snapshot holds, in entries: what taking one costs (see the snapshot trigger). */
public interface SnapshotWeight {
    long snapshotWeight();
}
