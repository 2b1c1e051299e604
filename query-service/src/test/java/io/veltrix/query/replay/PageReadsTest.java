package io.veltrix.query.replay;

import static org.assertj.core.api.Assertions.assertThat;

import io.veltrix.api.find.ClueFound;
import io.veltrix.api.player.PlayerRegistered;
import io.veltrix.platform.eventstore.IndexedJdbcEventStorageEngine;
import io.veltrix.platform.eventstore.PageEvent;
import io.veltrix.platform.eventstore.PageReads;
import io.veltrix.platform.eventstore.TrackedBatchReads;
import io.veltrix.query.EventLog;
import io.veltrix.query.HuntScenario;
import io.veltrix.query.QueryTestBase;
import io.veltrix.query.RaceForAClue;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;

/**
 * A replay's page read: one query, only the wanted payload types decoded, and the token after the
 * page exactly the one Axon's own event stream has after the same events, gaps included.
 */
class PageReadsTest extends QueryTestBase {

    @Autowired
    @Qualifier("eventSerializer")
    Serializer eventSerializer;
    @Autowired
    EventSchema schema;
    @Value("${veltrix.event-store.gap-timeout-ms}")
    int gapTimeoutMillis;

    private static final Predicate<String> FINDS_AND_REGISTRATIONS =
            Set.of(ClueFound.class.getName(), PlayerRegistered.class.getName())::contains;

    @Test
    void aPageDecodesOnlyTheWantedTypesAndEndsWhereTheStreamDoes() {
        TrackingToken start = storage.createHeadToken();
        HuntScenario scenario = HuntScenario.generate(71L, 20, 5, 300);
        scenario.appendTo(events, 50);

        PageReads.Page page = pages().readPage(start, 200, FINDS_AND_REGISTRATIONS);
        List<? extends TrackedEventMessage<?>> streamed = stream(start, 200);

        assertThat(page.read()).isEqualTo(200);
        assertThat(page.reached()).isEqualTo(streamed.get(199).trackingToken())
                .isEqualTo(axonsOwnStream(start, 200).get(199).trackingToken());
        List<? extends TrackedEventMessage<?>> wanted = streamed.stream()
                .filter(e -> FINDS_AND_REGISTRATIONS.test(e.getPayloadType().getName())).toList();
        assertThat(wanted).isNotEmpty().hasSizeLessThan(200);
        assertThat(page.events()).hasSameSizeAs(wanted);
        for (int i = 0; i < wanted.size(); i++) {
            TrackedEventMessage<?> read = page.events().get(i);
            TrackedEventMessage<?> expected = wanted.get(i);
            // what a replay's handlers read comes without decoding the metadata
            assertThat(read).isInstanceOf(PageEvent.class);
            assertThat(IndexedJdbcEventStorageEngine.globalIndexOf(read))
                    .isEqualTo(IndexedJdbcEventStorageEngine.globalIndexOf(expected));
            read.getPayload();
            read.getTimestamp();
            assertThat(((PageEvent<?>) read).isMetaDataDecoded()).isFalse();
            assertThat(read.getIdentifier()).isEqualTo(expected.getIdentifier());
            assertThat(read.getPayload()).isEqualTo(expected.getPayload());
            assertThat(read.getTimestamp()).isEqualTo(expected.getTimestamp());
            assertThat(read.getMetaData()).isEqualTo(expected.getMetaData());
            assertThat(((Number) read.getMetaData().get(IndexedJdbcEventStorageEngine.GLOBAL_INDEX)).longValue())
                    .isEqualTo(IndexedJdbcEventStorageEngine.globalIndexOf(expected));
            assertThat(((PageEvent<?>) read).isMetaDataDecoded()).isTrue();
            assertThat(read.trackingToken()).isEqualTo(expected.trackingToken());
        }
    }

    @Test
    void aGapStaysInThePagesTokenAndItsEventComesWithTheNextPageOnceCommitted() throws Exception {
        RaceForAClue race = RaceForAClue.setUp(events, "page-gaps");
        TrackingToken start = storage.createHeadToken();
        long slowIndex;
        PageReads.Page first;
        try (Connection open = commandRole.getConnection()) {
            open.setAutoCommit(false);
            slowIndex = EventLog.insertUncommittedFind(open, race.slow(), race.hunt(), race.clue());
            events.append(new ClueFound(race.fast(), race.hunt(), race.clue(), 10));

            first = pages().readPage(start, 100, FINDS_AND_REGISTRATIONS);
            assertThat(first.reached()).isEqualTo(stream(start, first.read()).get(first.read() - 1).trackingToken())
                    .isEqualTo(axonsOwnStream(start, first.read()).get(first.read() - 1).trackingToken());
            assertThat(((GapAwareTrackingToken) first.reached()).getGaps()).contains(slowIndex);
            assertThat(first.events()).extracting(e -> ((ClueFound) e.getPayload()).playerId()).containsExactly(race.fast());
            open.commit();
        }

        PageReads.Page next = pages().readPage(first.reached(), 100, FINDS_AND_REGISTRATIONS);

        assertThat(next.events()).extracting(IndexedJdbcEventStorageEngine::globalIndexOf).containsExactly(slowIndex);
        assertThat(((ClueFound) next.events().get(0).getPayload()).playerId()).isEqualTo(race.slow());
        assertThat(((GapAwareTrackingToken) next.reached()).getGaps()).doesNotContain(slowIndex);
    }

    @Test
    void aPageWithNothingWantedStillMovesTheToken() {
        TrackingToken start = storage.createHeadToken();
        HuntScenario scenario = HuntScenario.generate(73L, 5, 3, 40);
        scenario.appendTo(events, 50);

        PageReads.Page page = pages().readPage(start, 30, type -> false);

        assertThat(page.events()).isEmpty();
        assertThat(page.read()).isEqualTo(30);
        assertThat(page.reached()).isEqualTo(stream(start, 30).get(29).trackingToken());
    }

    @Test
    void readsBehindManyGapsStopWithinTheirBudgetAndTheNextOnesGoOnWithoutLoss() throws Exception {
        TrackingToken start = storage.createHeadToken();
        HuntScenario scenario = HuntScenario.generate(75L, 10, 5, 200);
        events.append(scenario.setup.stream().map(EventLog.Timed::payload).toArray());
        // as a batch that lost a sequence clash leaves them: gaps while the events after them are
        // younger than the gap timeout (so the events are appended as of now)
        burnIndexes(2_000);
        for (int i = 0; i < scenario.play.size(); i += 50) {
            events.append(scenario.play.subList(i, Math.min(scenario.play.size(), i + 50)).stream()
                    .map(EventLog.Timed::payload).toArray());
        }
        List<? extends TrackedEventMessage<?>> expected = stream(start, Integer.MAX_VALUE);
        assertThat(((GapAwareTrackingToken) expected.get(expected.size() - 1).trackingToken()).getGaps()).hasSize(2_000);

        List<TrackedEventMessage<?>> paged = new ArrayList<>();
        int pageReads = 0;
        TrackingToken token = start;
        for (PageReads.Page page = pages().readPage(token, 5_000, type -> true); page.read() > 0;
             page = pages().readPage(token, 5_000, type -> true)) {
            assertThat(gapEntries(page.events())).isLessThanOrEqualTo(IndexedJdbcEventStorageEngine.GAP_ENTRIES_PER_READ);
            assertThat(page.reached()).isEqualTo(page.events().get(page.events().size() - 1).trackingToken());
            paged.addAll(page.events());
            pageReads++;
            token = page.reached();
        }
        List<TrackedEventMessage<?>> batched = new ArrayList<>();
        int batchReads = 0;
        token = start;
        for (TrackedBatchReads.Batch batch = batches().readBatch(token); !batch.events().isEmpty();
             batch = batches().readBatch(token)) {
            assertThat(gapEntries(batch.events())).isLessThanOrEqualTo(IndexedJdbcEventStorageEngine.GAP_ENTRIES_PER_READ);
            batched.addAll(batch.events());
            batchReads++;
            token = batch.events().get(batch.events().size() - 1).trackingToken();
        }

        // 2,000 gaps behind each event after the burnt indexes: 50 events a read, not 5,000 or 500
        assertThat(pageReads).isGreaterThanOrEqualTo(expected.size() / 51);
        assertThat(batchReads).isGreaterThanOrEqualTo(expected.size() / 51);
        for (List<TrackedEventMessage<?>> read : List.of(paged, batched)) {
            assertThat(read).extracting(TrackedEventMessage::getIdentifier)
                    .containsExactlyElementsOf(expected.stream().map(TrackedEventMessage::getIdentifier).toList());
            assertThat(read).extracting(TrackedEventMessage::trackingToken)
                    .containsExactlyElementsOf(expected.stream().<TrackingToken>map(TrackedEventMessage::trackingToken).toList());
        }
    }

    private void burnIndexes(int count) throws Exception {
        try (Connection connection = commandRole.getConnection();
             PreparedStatement burn = connection.prepareStatement(
                     "SELECT nextval('public.domain_event_entry_global_index_seq') FROM generate_series(1, ?)")) {
            burn.setInt(1, count);
            burn.executeQuery().close();
        }
    }

    private static long gapEntries(List<? extends TrackedEventMessage<?>> read) {
        return read.stream().mapToLong(e -> ((GapAwareTrackingToken) e.trackingToken()).getGaps().size()).sum();
    }

    private TrackedBatchReads batches() {
        return (TrackedBatchReads) storage;
    }

    /** The same rows through Axon's own engine, unchanged: the tokens it makes are the reference. */
    private List<? extends TrackedEventMessage<?>> axonsOwnStream(TrackingToken after, int count) {
        JdbcEventStorageEngine axon = JdbcEventStorageEngine.builder()
                .connectionProvider(commandRole::getConnection)
                .transactionManager(NoTransactionManager.INSTANCE)
                .eventSerializer(eventSerializer)
                .snapshotSerializer(eventSerializer)
                .schema(schema)
                .dataType(byte[].class)
                .gapTimeout(gapTimeoutMillis)
                .build();
        try (Stream<? extends TrackedEventMessage<?>> stream = axon.readEvents(after, false)) {
            return stream.limit(count).toList();
        }
    }

    private PageReads pages() {
        return (PageReads) storage;
    }

    private List<? extends TrackedEventMessage<?>> stream(TrackingToken after, int count) {
        try (Stream<? extends TrackedEventMessage<?>> stream = storage.readEvents(after, false)) {
            return stream.limit(count).toList();
        }
    }
}
