package io.proxyline.query.interaction;

import static com.mongodb.client.model.Filters.eq;
import static org.assertj.core.api.Assertions.assertThat;

import io.proxyline.api.interaction.InteractionRecordedEvent;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/** The interactions contract on MongoDB (the MongoDB profile's adapter), and what only it can lose. */
class MongoInteractionProjectionTest extends InteractionProjectionContract {
    private static final List<String> COLLECTIONS = List.of(MongoInteractionStore.INTERACTIONS,
            MongoInteractionStore.INDEX, MongoInteractionStore.COUNTS);

    @Override
    InteractionStore newStore() {
        return new MongoInteractionStore(mongo.database());
    }

    @Override
    Object snapshot() {
        return mongo.snapshot();
    }

    @Override
    boolean storeIsEmpty() {
        return COLLECTIONS.stream().noneMatch(mongo.snapshot()::containsKey);
    }

    @Test
    void redeliveryCompletesAnAppendThatStoppedHalfway() {
        interactions.apply(forward("vc1", "s1", "i1"));
        InteractionRecordedEvent second = forward("vc1", "s1", "i2");
        interactions.apply(second);
        var complete = mongo.snapshot();
        // As if the processor stopped after storing the interaction, before its index entry and count.
        mongo.database().getCollection(MongoInteractionStore.INDEX)
                .deleteOne(eq("_id", MongoInteractionStore.indexKey("s1", 1)));
        mongo.database().getCollection(MongoInteractionStore.COUNTS).replaceOne(eq("_id", "s1"),
                new Document("_id", "s1").append("count", 1L));
        assertThat(ids(queries.list(ACCOUNT, "vc1", "s1", 100, null))).containsExactly("i1");

        interactions.apply(second);

        assertThat(mongo.snapshot()).isEqualTo(complete);
        assertThat(ids(queries.list(ACCOUNT, "vc1", "s1", 100, null))).containsExactly("i1", "i2");
    }
}
