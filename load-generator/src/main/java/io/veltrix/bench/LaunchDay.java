package io.veltrix.bench;

import java.util.Map;

/**
 * The launch-day scenario, phase by phase, against the real HTTP API: each phase is its own class;
 * this one hands them the shared {@link LaunchContext} and what one phase leaves the next (the
 * ladder's capacity at SLO for the overload).
 */
final class LaunchDay {

    private final LaunchContext context;
    /** The capacity at SLO the ladder found, for the overload phase; null when no step held or no ladder ran. */
    private Double capacityAtSlo;

    LaunchDay(Options options, Errors errors, CostMeter costs) {
        this.context = new LaunchContext(options, errors, costs);
    }

    /** One hunt with N clues (known answers, distinct points), published. */
    Map<String, Object> setup() throws Exception {
        return new HuntSetup(context).publish();
    }

    /** Every player registers at once, closed loop; see {@link Stampede}, {@link TeamStampede} in team mode. */
    Map<String, Object> stampede() throws Exception {
        return context.teamMode() ? new TeamStampede(context).run() : new Stampede(context).run();
    }

    Map<String, Object> start() throws Exception {
        return new HuntSetup(context).start();
    }

    /** Phases that need players but ran without the stampede: register just enough, quietly. */
    void ensurePlayers() throws Exception {
        if (context.players().isEmpty()) {
            stampede();
        }
    }

    /** Finds open loop at the target rate; spectators and the lag probe run alongside if asked. */
    Map<String, Map<String, Object>> finds(boolean spectators, boolean lag) throws Exception {
        return new FindsPhase(context).run(spectators, lag);
    }

    /** The offered find rate stepped up until a step breaks the SLO; see {@link LadderPhase}. */
    Map<String, Object> ladder() throws Exception {
        LadderPhase ladder = new LadderPhase(context);
        Map<String, Object> report = ladder.run();
        capacityAtSlo = ladder.capacityAtSlo();
        return report;
    }

    /** Overload above the ladder's capacity at SLO, then recovery; see {@link OverloadPhase}. */
    Map<String, Object> overload() throws Exception {
        return new OverloadPhase(context).run(capacityAtSlo);
    }

    /** The board against the acknowledged finds, then the audit verify; see {@link BoardAndAuditCheck}. */
    Map<String, Object> check() throws Exception {
        return new BoardAndAuditCheck(context).run();
    }

    /** A projection rebuilt from event 0 through the admin endpoint; see {@link ReplayPhase}. */
    Map<String, Object> replay() throws Exception {
        return new ReplayPhase(context).run();
    }

    void close() {
        context.close();
    }
}
