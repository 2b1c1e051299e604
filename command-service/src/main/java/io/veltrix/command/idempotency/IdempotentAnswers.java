package io.veltrix.command.idempotency;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.function.Supplier;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/**
 * The shape most command endpoints share once their input is checked: run the request once per
 * Idempotency-Key ({@link IdempotentCommands}) and render its reply, new or stored, as the answer.
 */
@Component
public class IdempotentAnswers {

    private final IdempotentCommands idempotent;
    private final CommandGateway commands;
    private final ObjectMapper json;

    public IdempotentAnswers(IdempotentCommands idempotent, CommandGateway commands, ObjectMapper json) {
        this.idempotent = idempotent;
        this.commands = commands;
        this.json = json;
    }

    /**
     * Sends one command and answers 200 with {@code answer}, a body that names what was changed
     * and so is known before the command runs; a rule the command breaks is its problem answer.
     *
     * @param caller      who asks (keys are scoped by caller)
     * @param key         the Idempotency-Key header, or null
     * @param fingerprint what was asked: a reused key with another request is a 422
     */
    public ResponseEntity<?> send(String caller, String key, String fingerprint, Object command, ObjectNode answer) {
        return run(caller, key, fingerprint, () -> {
            commands.sendAndWait(command);
            return Reply.ok(200, answer);
        });
    }

    /** Runs {@code action} (it dispatches the commands and builds the reply) once per key and renders the reply. */
    public ResponseEntity<?> run(String caller, String key, String fingerprint, Supplier<Reply> action) {
        return Replies.render(idempotent.run(caller, key, fingerprint, action));
    }

    /**
     * Like {@link #run}, in a transaction shared with concurrent requests of the same lane, the
     * requests of one aggregate one after the other ({@link IdempotentCommands#runGrouped}).
     */
    public ResponseEntity<?> runGrouped(String laneKey, String aggregateKey, String caller, String key,
                                        String fingerprint, Supplier<Reply> action) {
        return Replies.render(idempotent.runGrouped(laneKey, aggregateKey, caller, key, fingerprint, action));
    }

    /** An answer body holding {@code field}; more fields are {@code put} on it. */
    public ObjectNode answer(String field, String value) {
        return json.createObjectNode().put(field, value);
    }
}
