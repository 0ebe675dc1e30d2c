package io.proxyline.query.history;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

/**
 * The history index as rows of an in-process SQL database (standalone: H2): {@code history_subjects}
 * (owner, count, last sequence number per subject) and {@code history_entries} (the sequence number
 * per subject and position). Written in the {@code history} processor's batch transaction, with its
 * token (see {@code ReadModelDatabase}), so an append is never half done.
 */
final class JdbcHistoryStore implements HistoryStore {
    static final String SUBJECTS = "history_subjects";
    static final String ENTRIES = "history_entries";

    private static final RowMapper<Subject> SUBJECT = (rs, n) -> new Subject(rs.getString("subject_key"),
            rs.getString("voice_connector_id"), rs.getString("proxy_session_id"), rs.getString("account_id"),
            rs.getLong("entry_count"), rs.getLong("last_sequence"));

    private final JdbcTemplate jdbc;

    JdbcHistoryStore(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
        jdbc.execute("CREATE TABLE IF NOT EXISTS " + SUBJECTS + " ("
                + "subject_key VARCHAR(512) PRIMARY KEY, "
                + "voice_connector_id VARCHAR(128) NOT NULL, "
                + "proxy_session_id VARCHAR(128), "
                + "account_id VARCHAR(64), "
                + "entry_count BIGINT NOT NULL, "
                + "last_sequence BIGINT NOT NULL)");
        jdbc.execute("CREATE TABLE IF NOT EXISTS " + ENTRIES + " ("
                + "subject_key VARCHAR(512) NOT NULL, "
                + "position BIGINT NOT NULL, "
                + "sequence_number BIGINT NOT NULL, "
                + "PRIMARY KEY (subject_key, position))");
    }

    @Override
    public void append(String subjectKey, String voiceConnectorId, String proxySessionId, Supplier<String> ownerIfNew,
                       long sequenceNumber) {
        Optional<Subject> current = find(subjectKey);
        if (current.isPresent() && current.get().lastSequence() >= sequenceNumber) {
            return;
        }
        long position = current.map(Subject::count).orElse(0L);
        String owner = current.isPresent() ? current.get().accountId() : ownerIfNew.get();
        jdbc.update("MERGE INTO " + ENTRIES + " (subject_key, position, sequence_number) KEY (subject_key, position) "
                + "VALUES (?, ?, ?)", subjectKey, position, sequenceNumber);
        jdbc.update("MERGE INTO " + SUBJECTS + " (subject_key, voice_connector_id, proxy_session_id, account_id, "
                        + "entry_count, last_sequence) KEY (subject_key) VALUES (?, ?, ?, ?, ?, ?)",
                subjectKey, voiceConnectorId, proxySessionId, owner, position + 1, sequenceNumber);
    }

    /** Within the batch's transaction a read sees the batch's own writes: no batch state is needed. */
    @Override
    public Optional<String> recordedOwner(String subjectKey) {
        return find(subjectKey).map(Subject::accountId);
    }

    @Override
    public Optional<Subject> find(String subjectKey) {
        return jdbc.query("SELECT subject_key, voice_connector_id, proxy_session_id, account_id, entry_count, "
                + "last_sequence FROM " + SUBJECTS + " WHERE subject_key = ?", SUBJECT, subjectKey).stream().findFirst();
    }

    @Override
    public List<Long> sequenceNumbers(String subjectKey, long from, int count) {
        if (count <= 0) return List.of();
        return jdbc.queryForList("SELECT sequence_number FROM " + ENTRIES + " WHERE subject_key = ? AND position >= ? "
                + "AND position < ? ORDER BY position", Long.class, subjectKey, from, from + count);
    }

    @Override
    public void clear() {
        jdbc.update("DELETE FROM " + ENTRIES);
        jdbc.update("DELETE FROM " + SUBJECTS);
    }
}
