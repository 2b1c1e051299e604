package io.veltrix.command;

import java.lang.annotation.Annotation;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.common.ReflectionUtils;
import org.axonframework.common.annotation.AnnotationUtils;
import org.axonframework.modelling.command.CommandTargetResolver;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;
import org.axonframework.modelling.command.VersionedAggregateIdentifier;

/**
 * Which aggregate a command targets, by the same rule as Axon's {@code AnnotationCommandTargetResolver}
 * (the first method, else field, carrying {@link TargetAggregateIdentifier}, and likewise
 * {@link TargetAggregateVersion}), with each command class's members looked up once. Axon's
 * resolver walks every method and field of the command and their annotations on each dispatch: at
 * 200 finds a second that was a sixth of the command service's allocations (JFR).
 */
public final class CommandTargets implements CommandTargetResolver {

    private final ClassValue<Targets> targets = new ClassValue<>() {
        @Override
        protected Targets computeValue(Class<?> type) {
            return new Targets(annotated(type, TargetAggregateIdentifier.class),
                    annotated(type, TargetAggregateVersion.class));
        }
    };

    @Override
    public VersionedAggregateIdentifier resolveTarget(CommandMessage<?> command) {
        Targets members = targets.get(command.getPayloadType());
        Object payload = command.getPayload();
        Object identifier;
        Long version;
        try {
            identifier = members.identifier() == null ? null : members.identifier().read(payload);
            version = members.version() == null ? null : asLong(members.version().read(payload));
        } catch (InvocationTargetException e) {
            throw new IllegalArgumentException("An exception occurred while extracting aggregate information from a command", e);
        } catch (IllegalAccessException e) {
            throw new IllegalArgumentException("The aggregate information of the command is not accessible.", e);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("The value provided for the version is not a number.", e);
        }
        if (identifier == null) {
            throw new IllegalArgumentException("Invalid command. It does not identify the target aggregate: no method or field of "
                    + command.getPayloadType().getSimpleName() + " carries @TargetAggregateIdentifier with a non-null value.");
        }
        return new VersionedAggregateIdentifier(identifier, version);
    }

    private static Long asLong(Object value) {
        if (value == null) {
            return null;
        }
        return value instanceof Number number ? number.longValue() : Long.parseLong(value.toString());
    }

    /** The first parameterless method, else field, of {@code type} carrying {@code annotation}; null if none does. */
    private static Member annotated(Class<?> type, Class<? extends Annotation> annotation) {
        for (Method method : ReflectionUtils.methodsOf(type)) {
            if (AnnotationUtils.isAnnotationPresent(method, annotation)) {
                ReflectionUtils.ensureAccessible(method);
                return method::invoke;
            }
        }
        for (Field field : ReflectionUtils.fieldsOf(type)) {
            if (AnnotationUtils.isAnnotationPresent(field, annotation)) {
                ReflectionUtils.ensureAccessible(field);
                return field::get;
            }
        }
        return null;
    }

    @FunctionalInterface
    private interface Member {
        Object read(Object payload) throws InvocationTargetException, IllegalAccessException;
    }

    private record Targets(Member identifier, Member version) {
    }
}
