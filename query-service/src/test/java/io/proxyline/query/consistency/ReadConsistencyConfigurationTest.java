package io.proxyline.query.consistency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Duration;
import java.util.function.Consumer;
import org.axonframework.config.Configurer;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.config.EventProcessingConfigurer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class ReadConsistencyConfigurationTest {
    private final ApplicationContextRunner context =
            new ApplicationContextRunner().withUserConfiguration(ReadConsistencyConfiguration.class);

    @Test
    void startsWithoutAxonBeansAndWithDefaults() {
        context.run(ctx -> {
            assertThat(ctx).hasSingleBean(ReadConsistency.class).hasSingleBean(ConfigurerModule.class);
            ConsistencyProperties properties = ctx.getBean(ConsistencyProperties.class);
            assertThat(properties.consistencyTimeout()).isEqualTo(Duration.ofSeconds(2));
            assertThat(properties.consistencyGapGrace()).isEqualTo(Duration.ofMillis(500));
            // No processors to wait for: a read goes straight through.
            ctx.getBean(ReadConsistency.class).awaitCaughtUp();
        });
    }

    @Test
    void timeoutIsConfigurable() {
        context.withPropertyValues("proxyline.query.consistency-timeout=750ms").run(ctx ->
                assertThat(ctx.getBean(ConsistencyProperties.class).consistencyTimeout()).isEqualTo(Duration.ofMillis(750)));
    }

    @Test
    @SuppressWarnings("unchecked")
    void registersTheBatchSignalOnEveryProcessor() {
        context.run(ctx -> {
            Configurer configurer = mock(Configurer.class);
            EventProcessingConfigurer processing = mock(EventProcessingConfigurer.class);
            when(configurer.eventProcessing(any(Consumer.class))).thenAnswer(invocation -> {
                invocation.getArgument(0, Consumer.class).accept(processing);
                return configurer;
            });

            ctx.getBean(ConfigurerModule.class).configureModule(configurer);

            verify(processing).registerDefaultHandlerInterceptor(any());
        });
    }
}
