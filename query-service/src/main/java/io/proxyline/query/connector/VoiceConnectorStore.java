package io.proxyline.query.connector;

import io.proxyline.api.connector.ProxyConfigPutEvent;
import io.proxyline.api.connector.VoiceConnectorCreatedEvent;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The connectors read model: each connector with its proxy configuration, deleted ones flagged rather than
 * removed, and each account's connectors in creation order (positions that never change, so list pages stay
 * stable; readers skip the deleted ones). Every write sets state, so redelivery and replay are harmless.
 * Adapters: {@link MongoVoiceConnectorStore} (the MongoDB profile), {@link JdbcVoiceConnectorStore}
 * (standalone); both run one contract ({@code VoiceConnectorProjectionContract}).
 */
interface VoiceConnectorStore {
    void created(VoiceConnectorCreatedEvent e);

    void deleted(String voiceConnectorId, Instant deletedAt);

    void numbersAdded(String voiceConnectorId, List<String> numbers);

    void numbersRemoved(String voiceConnectorId, List<String> numbers);

    void proxyConfigPut(ProxyConfigPutEvent e);

    void proxyConfigDeleted(String voiceConnectorId);

    void clear();

    Optional<VoiceConnectorRow> find(String voiceConnectorId);

    /** The connectors among {@code ids} that exist, in the order of {@code ids}. */
    List<VoiceConnectorRow> findAll(Collection<String> ids);

    /** How many connectors the account ever created (deleted ones included): the end of its positions. */
    long accountConnectorCount(String accountId);

    /** The account's connector ids at positions {@code from} to {@code from + count - 1}, in creation order. */
    List<String> accountConnectorIds(String accountId, long from, int count);
}
