package io.proxyline.query.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoDatabase;
import io.proxyline.query.InMemoryMongo;
import io.proxyline.query.readmodel.ReadModelBatching;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.DefaultInterceptorChain;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.RollbackConfigurationType;
import org.bson.Document;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.ClassPathBeanDefinitionScanner;
import org.springframework.core.type.filter.RegexPatternTypeFilter;

/**
 * Every read-model projection, handling {@link ProjectionHistory} in batches as a streaming
 * processor does (one unit of work per batch, writes held and flushed at its end), builds the same
 * read model, document by document, as when each event is written at once. With the whole history
 * in one batch, every read of a value written earlier in the history is a read of the batch's own
 * held writes; a write lost or applied out of order changes a document.
 */
class BatchedProjectionsTest {
    private static final List<String> PACKAGES = List.of("connector", "number", "session", "interaction", "history");

    @RegisterExtension
    static final InMemoryMongo mongo = new InMemoryMongo();

    @ParameterizedTest
    @ValueSource(ints = {2, 5, 1_000})
    void batchedHandlingBuildsTheReadModelEventByEventHandlingBuilds(int batchSize) {
        List<DomainEventMessage<?>> history = ProjectionHistory.events();
        MongoDatabase unbatched = mongo.database();
        for (AnnotationEventHandlerAdapter projection : projections(unbatched)) {
            for (EventMessage<?> event : history) {
                if (projection.canHandle(event)) {
                    handle(projection, event);
                }
            }
        }
        Map<String, List<Document>> expected = mongo.snapshot();
        assertThat(expected).containsKeys("proxy_sessions", "proxy_session_interactions", "history_subjects",
                "voice_connectors", "account_phone_numbers");

        MongoDatabase batched = mongo.freshDatabase();
        for (AnnotationEventHandlerAdapter projection : projections(batched)) {
            List<EventMessage<?>> handled = history.stream().<EventMessage<?>>map(e -> e)
                    .filter(projection::canHandle).toList();
            for (int from = 0; from < handled.size(); from += batchSize) {
                ResultMessage<?> result = handleBatch(projection, handled.subList(from, Math.min(handled.size(),
                        from + batchSize)));
                assertThat(result.isExceptional()).as("%s", result.optionalExceptionResult()).isFalse();
            }
        }

        assertThat(mongo.snapshot()).isEqualTo(expected);
    }

    /** The stores and projections of the read-model features, wired as Spring wires them. */
    private static List<AnnotationEventHandlerAdapter> projections(MongoDatabase database) {
        AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext();
        context.registerBean(MongoDatabase.class, () -> database);
        ClassPathBeanDefinitionScanner scanner = new ClassPathBeanDefinitionScanner(context, false);
        // The MongoDB adapters: batching is theirs (a JDBC store writes in its processor's transaction).
        scanner.addIncludeFilter(new RegexPatternTypeFilter(Pattern.compile(".*\\.(?!Jdbc)[A-Za-z]+(Store|Projection)")));
        scanner.scan(PACKAGES.stream().map(p -> "io.proxyline.query." + p).toArray(String[]::new));
        context.refresh();
        List<AnnotationEventHandlerAdapter> adapters = new ArrayList<>();
        for (String name : context.getBeanDefinitionNames()) {
            Object bean = context.getBean(name);
            if (bean.getClass().getSimpleName().endsWith("Projection")) {
                adapters.add(new AnnotationEventHandlerAdapter(bean));
            }
        }
        assertThat(adapters).hasSize(PACKAGES.size());
        return adapters;
    }

    private static void handle(AnnotationEventHandlerAdapter projection, EventMessage<?> event) {
        try {
            projection.handle(event);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static ResultMessage<?> handleBatch(AnnotationEventHandlerAdapter projection, List<EventMessage<?>> batch) {
        BatchingUnitOfWork<EventMessage<?>> unitOfWork = new BatchingUnitOfWork<>(batch);
        return unitOfWork.executeWithResult(() -> new DefaultInterceptorChain<>(unitOfWork,
                List.of(new ReadModelBatching()), projection::handle).proceed(), RollbackConfigurationType.ANY_THROWABLE);
    }
}
