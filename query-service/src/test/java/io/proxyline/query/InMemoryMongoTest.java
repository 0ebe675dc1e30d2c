package io.proxyline.query;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.gt;
import static com.mongodb.client.model.Filters.in;
import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Updates;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The scan detector the projection tests rely on does detect scans. */
class InMemoryMongoTest {
    @RegisterExtension
    static final InMemoryMongo mongo = new InMemoryMongo();

    @Test
    void idLookupsAreNotScans() {
        MongoCollection<Document> things = mongo.database().getCollection("things");
        things.insertOne(new Document("_id", "a").append("owner", "x"));

        things.find(eq("_id", "a")).first();
        things.find(in("_id", List.of("a", "b"))).into(new java.util.ArrayList<>());
        things.updateOne(eq("_id", "a"), Updates.set("owner", "y"));

        assertThat(mongo.detectedScans()).isEmpty();
    }

    @Test
    void otherFiltersAreScans() {
        MongoCollection<Document> things = mongo.database().getCollection("things");

        things.find(eq("owner", "x")).first();
        things.find(and(eq("_id", "a"), eq("owner", "x"))).first();
        things.find(gt("_id", "a")).first();
        things.find().first();
        things.updateMany(eq("owner", "x"), Updates.set("owner", "y"));
        things.countDocuments();

        assertThat(mongo.detectedScans()).hasSize(6);
        mongo.detectedScans().clear();
    }
}
