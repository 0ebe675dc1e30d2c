package io.proxyline.query.consistency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.proxyline.query.ProcessingGroups;
import java.util.Optional;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.SubscribingEventProcessor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.support.StaticListableBeanFactory;

class QueryProcessorsTest {
    private final EventProcessingConfiguration processing = mock(EventProcessingConfiguration.class);
    private final StreamingEventProcessor shared = mock(StreamingEventProcessor.class);

    private QueryProcessors processors() {
        StaticListableBeanFactory beans = new StaticListableBeanFactory();
        beans.addBean("eventProcessingConfiguration", processing);
        ObjectProvider<EventProcessingConfiguration> provider = beans.getBeanProvider(EventProcessingConfiguration.class);
        return new QueryProcessors(provider);
    }

    @Test
    void findsEachStreamingProcessorOnceWhateverGroupsItRuns() {
        when(processing.eventProcessorByProcessingGroup(ProcessingGroups.CONNECTORS)).thenReturn(Optional.of(shared));
        when(processing.eventProcessorByProcessingGroup(ProcessingGroups.PHONE_NUMBERS)).thenReturn(Optional.of(shared));
        when(processing.eventProcessorByProcessingGroup(ProcessingGroups.PROXY_SESSIONS))
                .thenReturn(Optional.of(mock(SubscribingEventProcessor.class)));
        when(processing.eventProcessorByProcessingGroup(ProcessingGroups.INTERACTIONS)).thenReturn(Optional.of(shared));
        when(processing.eventProcessorByProcessingGroup(ProcessingGroups.HISTORY)).thenReturn(Optional.of(shared));

        assertThat(processors().get()).containsExactly(shared);
    }

    @Test
    void resolvesOnceAllGroupsHaveProcessors() {
        when(processing.eventProcessorByProcessingGroup(anyString())).thenReturn(Optional.of(shared));
        QueryProcessors processors = processors();

        processors.get();
        processors.get();

        verify(processing, times(ProcessingGroups.ALL.size())).eventProcessorByProcessingGroup(anyString());
    }

    @Test
    void keepsLookingWhileProcessorsAreMissing() {
        when(processing.eventProcessorByProcessingGroup(anyString())).thenReturn(Optional.empty());
        QueryProcessors processors = processors();
        assertThat(processors.get()).isEmpty();

        when(processing.eventProcessorByProcessingGroup(anyString())).thenReturn(Optional.of(shared));

        assertThat(processors.get()).containsExactly(shared);
    }

    @Test
    void axonNotStartedYetMeansNothingToWaitFor() {
        when(processing.eventProcessorByProcessingGroup(anyString())).thenThrow(new IllegalStateException("not initialized"));

        assertThat(processors().get()).isEmpty();
    }

    @Test
    void noAxonConfigurationMeansNothingToWaitFor() {
        assertThat(new QueryProcessors(new StaticListableBeanFactory().getBeanProvider(EventProcessingConfiguration.class)).get())
                .isEmpty();
    }
}
