package io.veltrix.command.player;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.veltrix.api.hunt.HuntId;
import io.veltrix.api.player.PlayerId;
import io.veltrix.api.player.RegisterPlayer;
import io.veltrix.command.hunt.JoinCodes;
import io.veltrix.command.idempotency.IdempotentCommands;
import io.veltrix.command.idempotency.Replies;
import io.veltrix.command.idempotency.Reply;
import io.veltrix.command.secret.ServerSecrets;
import io.veltrix.platform.security.PlayerTokens;
import io.veltrix.platform.web.ClientAddresses;
import io.veltrix.platform.web.Texts;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Anyone registers for a hunt as a player and receives the player's token, shown only in this answer. */
@RestController
@RequestMapping("/api/hunts/{huntId}")
@Tag(name = "Players")
public class PlayerRegistrationController {

    private static final String ANONYMOUS = "anonymous";

    private final CommandGateway commands;
    private final IdempotentCommands idempotent;
    private final ServerSecrets secrets;
    private final ClientAddresses clientAddresses;
    private final AddressLimits addressLimits;
    private final ObjectMapper json;

    public PlayerRegistrationController(CommandGateway commands, IdempotentCommands idempotent, ServerSecrets secrets,
                                        ClientAddresses clientAddresses, AddressLimits addressLimits, ObjectMapper json) {
        this.commands = commands;
        this.idempotent = idempotent;
        this.secrets = secrets;
        this.clientAddresses = clientAddresses;
        this.addressLimits = addressLimits;
        this.json = json;
    }

    /** A registration; {@code joinCode} only for a hunt that has one. */
    public record Registration(String handle, String joinCode) {
    }

    @PostMapping("/players")
    @Operation(summary = "Register for a hunt; the returned token is shown only here")
    @ApiResponse(responseCode = "201", description = "the player and its token, shown only here",
            content = @Content(mediaType = "application/json", examples = @ExampleObject(value = "{\"playerId\": \"9d3f…\", \"handle\": \"first-finder\", \"token\": \"vxp_…\"}")))
    @ApiResponse(responseCode = "409", description = "the handle (or a look-alike) is taken, the hunt is full, or registration is closed")
    @ApiResponse(responseCode = "403", description = "the hunt needs a join code, and this one is missing or wrong")
    public ResponseEntity<?> register(@PathVariable String huntId, @RequestBody Registration body,
                                      @RequestHeader(name = "Idempotency-Key", required = false) String key,
                                      HttpServletRequest request) {
        String handle = Handles.clean(body.handle());
        HuntId hunt = new HuntId(Texts.required("huntId", huntId, 100, false));
        String joinCode = JoinCodes.presented(body.joinCode());
        String joinCodeHash = joinCode == null ? null : secrets.joinCodeHash(huntId, joinCode);
        // a replay answers with the token: the key is what proves that the first client asks again
        String secretKey = IdempotentCommands.secretKey(key);
        addressLimits.takeRegistration(huntId, clientAddresses.of(request));
        // a hunt's registrations go through one lane of the group commit: a batch never waits for a
        // capacity stripe or a handle that another lane's batch holds
        Reply reply = idempotent.runGrouped(huntId, null, ANONYMOUS, secretKey,
                Replies.fingerprint("POST /api/hunts/" + huntId + "/players", new Registration(handle, joinCodeHash), json),
                () -> {
                    PlayerId playerId = PlayerId.random();
                    String tokenHash = PlayerTokens.hash(secrets.playerToken(playerId.value()));
                    commands.sendAndWait(new RegisterPlayer(playerId, hunt, handle, tokenHash, joinCodeHash));
                    // The token is not stored, here or anywhere: it is derived again below.
                    return Reply.ok(201, json.createObjectNode().put("playerId", playerId.value()).put("handle", handle));
                });
        ObjectNode registered = ((ObjectNode) reply.body()).deepCopy();
        String playerId = registered.get("playerId").asText();
        registered.put("token", secrets.playerToken(playerId));
        return ResponseEntity.created(URI.create("/api/hunts/" + huntId + "/players/" + playerId)).body(registered);
    }
}
