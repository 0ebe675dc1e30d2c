package io.proxyline.api.assignment;

/** What a number assignment does: put numbers on a voice connector, or take them off. */
public enum AssignmentKind {
    ASSOCIATE,
    DISASSOCIATE
}
