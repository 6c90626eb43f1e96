package io.opsbot.core.onboarding;

import io.opsbot.core.access.AccessPolicy;
import io.opsbot.core.access.Role;
import io.opsbot.core.conversation.Arg;
import io.opsbot.core.conversation.Arguments;
import io.opsbot.core.conversation.ChannelHere;
import io.opsbot.core.conversation.Command;
import io.opsbot.core.conversation.Invoker;
import io.opsbot.core.conversation.Response;
import io.opsbot.core.conversation.Subcommand;
import io.opsbot.core.conversation.UserError;
import io.opsbot.core.gateway.Destination;
import io.opsbot.core.gateway.Messenger;
import io.opsbot.core.message.Markup;
import io.opsbot.core.message.Message;
import io.opsbot.core.people.ProfileService;
import io.opsbot.core.tenant.TenantRef;
import io.opsbot.core.tenant.UserRef;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code /onboarding}: my progress, starting people on tracks, who is where; managers start and stop others, admins
 * write tracks and choose who is onboarded automatically.
 */
@Component
public class OnboardingCommand implements Command {

    private static final Arg TRACK = Arg.word("track");
    private static final Arg PEOPLE = Arg.mention("person").repeated();
    private static final Arg CONTACTS = HireContacts.argument("buddy @b manager @m");
    private static final Arg HIRE = Arg.mention("hire");
    private static final String CHANGE_CONTACTS = "change someone's buddy or manager";
    private static final String AUTO = "choose who is onboarded automatically";

    private final OnboardingService onboarding;
    private final TrackCatalog catalog;
    private final OnboardingSettings onboardingSettings;
    private final OnboardingTrackForm trackForm;
    private final AccessPolicy access;
    private final ProfileService profiles;
    private final Messenger messenger;
    private final OnboardingStartForm startForm;

    public OnboardingCommand(OnboardingService onboarding, TrackCatalog catalog, OnboardingSettings onboardingSettings,
                             OnboardingTrackForm trackForm, AccessPolicy access, ProfileService profiles,
                             Messenger messenger, OnboardingStartForm startForm) {
        this.startForm = startForm;
        this.messenger = messenger;
        this.onboarding = onboarding;
        this.catalog = catalog;
        this.onboardingSettings = onboardingSettings;
        this.trackForm = trackForm;
        this.access = access;
        this.profiles = profiles;
    }

    @Override
    public String name() {
        return "onboarding";
    }

    @Override
    public String summary() {
        return "onboarding walkthroughs: your progress, start someone, see who is where";
    }

    @Override
    public List<Subcommand> subcommands() {
        String writeTracks = OnboardingTrackForm.WRITE_TRACKS.what();
        return List.of(
                Subcommand.bare().help("your progress on your onboarding track")
                        .handledBy((invoker, args) -> Response.privately(OnboardingCards.myProgress(
                                invoker.platform(), onboarding.runsOf(invoker.user()), onboarding))),
                Subcommand.named("start").args(PEOPLE, TRACK.optional(), CONTACTS)
                        .help("start a track for these people, with their buddy and manager")
                        .role(Role.MANAGER, "start someone else's onboarding")
                        .handledBy((invoker, args) -> start(invoker, args.people(PEOPLE.name()), args)),
                Subcommand.named("hire").help("start someone with a buddy and a manager, in a form")
                        .role(Role.MANAGER, "start someone else's onboarding")
                        .handledBy((invoker, args) -> Response.form(startForm.open(invoker.tenant()))),
                Subcommand.named("buddy").args(HIRE, Arg.mention("buddy")).help("change a hire's buddy")
                        .role(Role.MANAGER, CHANGE_CONTACTS)
                        .handledBy((invoker, args) -> changeContacts(invoker, args, true)),
                Subcommand.named("manager").args(HIRE, Arg.mention("manager")).help("change a hire's manager")
                        .role(Role.MANAGER, CHANGE_CONTACTS)
                        .handledBy((invoker, args) -> changeContacts(invoker, args, false)),
                Subcommand.named("start").args(TRACK.optional()).help("start a track for yourself")
                        .handledBy(this::startMyself),
                Subcommand.named("status").args(Arg.mention("person").optional())
                        .help("your hires: who is on which step and what is overdue (managers, buddies)")
                        .handledBy(this::status),
                Subcommand.named("tracks").help("the tracks there are")
                        .handledBy((invoker, args) -> Response.privately(tracks(invoker.tenant()))),
                Subcommand.named("track").args(Arg.literal("new")).help("write a track in a form")
                        .role(Role.ADMIN, writeTracks)
                        .handledBy((invoker, args) -> Response.form(trackForm.open(invoker.tenant(), null))),
                Subcommand.named("track").args(Arg.literal("edit"), TRACK).help("change a track in a form")
                        .role(Role.ADMIN, writeTracks)
                        .handledBy((invoker, args) -> Response.form(trackForm.open(invoker.tenant(),
                                args.text(TRACK.name()).toLowerCase(Locale.ROOT)))),
                Subcommand.named("auto").help("the track people start when they join")
                        .handledBy((invoker, args) -> showAuto(invoker)),
                Subcommand.named("auto").args(Arg.literal(OnboardingSettings.OFF))
                        .help("start nobody automatically").role(Role.ADMIN, AUTO)
                        .handledBy((invoker, args) -> autoOff(invoker)),
                Subcommand.named("auto").args(TRACK).help("start this track when people join")
                        .role(Role.ADMIN, AUTO).handledBy(this::auto),
                Subcommand.named("channel").help("whose joining a channel starts their onboarding")
                        .handledBy((invoker, args) -> showChannel(invoker)),
                Subcommand.named("channel").args(Arg.literal("here")).help("onboard whoever joins this channel")
                        .role(Role.ADMIN, AUTO).handledBy((invoker, args) -> channelHere(invoker)),
                Subcommand.named("channel").args(Arg.literal("off")).help("joining a channel starts nothing")
                        .role(Role.ADMIN, AUTO).handledBy((invoker, args) -> channelOff(invoker)),
                Subcommand.named("stop").args(Arg.mention("person"), TRACK.optional())
                        .help("stop someone's track").role(Role.MANAGER, "stop someone's onboarding")
                        .handledBy(this::stop));
    }

    private Response startMyself(Invoker invoker, Arguments args) {
        String track = args.text(TRACK.name());
        if (track.startsWith("@")) {
            throw new UserError("I couldn't tell who " + track + " is. Mention them so the name is highlighted "
                    + "(pick them from the list as you type).");
        }
        return start(invoker, List.of(invoker.user()), args);
    }

    private Response start(Invoker invoker, List<UserRef> people, Arguments args) {
        TenantRef tenant = invoker.tenant();
        String key = args.has(TRACK.name()) ? args.text(TRACK.name()).toLowerCase(Locale.ROOT) : defaultTrack(tenant);
        OnboardingTrack track = catalog.require(tenant, key);
        HireContacts contacts = args.optional(CONTACTS.name(), HireContacts.Typed.class).map(t -> t.in(tenant))
                .orElse(HireContacts.NONE);
        Markup.Builder text = Markup.builder();
        for (UserRef person : people) {
            boolean self = person.equals(invoker.user());
            String name = self ? invoker.displayName() : profiles.displayName(person);
            OnboardingService.Started started = self ? onboarding.start(person, name, track.key(), null,
                    invoker.zone(), contacts) : onboarding.startFor(invoker.actor(), person, name, track.key(),
                    contacts);
            if (!text.isEmpty()) {
                text.newline();
            }
            OnboardingRun run = started.run();
            if (!started.created()) {
                text.text("ℹ️ ").mention(person, run.getUserName()).text(" is already on ").bold(run.getTrackTitle())
                        .text(" (" + run.completeCount() + " of " + run.size() + " done).");
            } else if (self) {
                text.text("🚀 Your onboarding ").bold(track.title())
                        .text(" has started: your first step is in our direct messages.");
            } else {
                text.text("🚀 Started ").mention(person, run.getUserName()).text(" on ").bold(track.title())
                        .text(" (" + track.steps().size() + " steps). Their first step is in their direct messages; "
                                + "I'll tell you when they finish.");
            }
            if (started.created()) {
                contactsLine(text, run);
            }
        }
        return Response.privately(Message.of(text.build()));
    }

    private String defaultTrack(TenantRef tenant) {
        return onboardingSettings.autoTrack(tenant).filter(k -> catalog.find(tenant, k).isPresent())
                .orElseGet(() -> catalog.all(tenant).stream().map(OnboardingTrack::key).findFirst()
                        .orElseThrow(() -> new UserError("There is no onboarding track yet. An admin can write one "
                                + "with track new.")));
    }

    /** " Buddy: @b · manager: @m (told of overdue steps and when they finish)." */
    private void contactsLine(Markup.Builder text, OnboardingRun run) {
        if (run.getBuddy() == null && run.getManager() == null) {
            return;
        }
        text.text(" ");
        if (run.getBuddy() != null) {
            text.text("Buddy: ").mention(run.getBuddy(), profiles.displayName(run.getBuddy()));
        }
        if (run.getManager() != null) {
            text.text(run.getBuddy() != null ? " · manager: " : "Manager: ")
                    .mention(run.getManager(), profiles.displayName(run.getManager()));
        }
        text.text(" (told of overdue steps and when they finish).");
    }

    private Response changeContacts(Invoker invoker, Arguments args, boolean buddy) {
        UserRef hire = args.people(HIRE.name()).get(0);
        UserRef contact = args.people(buddy ? "buddy" : "manager").get(0);
        OnboardingRun run = onboarding.runsOf(hire).stream()
                .filter(r -> r.getStatus() == OnboardingRun.Status.ACTIVE).findFirst()
                .orElseThrow(() -> new UserError(profiles.displayName(hire) + " has no running onboarding."));
        OnboardingRun changed = onboarding.changeContacts(invoker.actor(), run, buddy
                ? new HireContacts(contact, null) : new HireContacts(null, contact));
        Markup.Builder text = Markup.builder().text("✅ ").mention(hire, changed.getUserName()).text("'s "
                + (buddy ? "buddy" : "manager") + " is now ").mention(contact, profiles.displayName(contact))
                .text(".");
        return Response.privately(Message.of(text.build()));
    }

    private Response status(Invoker invoker, Arguments args) {
        List<UserRef> mentioned = args.people("person");
        boolean manager = access.has(invoker.user(), Role.MANAGER);
        if (!mentioned.isEmpty()) {
            UserRef person = mentioned.get(0);
            List<OnboardingRun> runs = onboarding.runsOf(person).stream()
                    .filter(r -> manager || person.equals(invoker.user()) || r.getNotify().contains(invoker.user())
                            || invoker.user().equals(r.getBuddy()) || invoker.user().equals(r.getManager()))
                    .toList();
            if (runs.isEmpty() && !onboarding.runsOf(person).isEmpty()) {
                throw new UserError("Only managers, admins and the people told about someone's onboarding can see "
                        + "it.");
            }
            return Response.privately(OnboardingCards.status("Onboarding of " + profiles.displayName(person),
                    runs, onboarding));
        }
        List<OnboardingRun> hires = onboarding.hiresOf(invoker.user());
        if (!hires.isEmpty()) {
            return Response.privately(OnboardingCards.status("Your hires", hires, onboarding));
        }
        List<OnboardingRun> buddies = onboarding.buddiesOf(invoker.user());
        if (!buddies.isEmpty()) {
            return Response.privately(OnboardingCards.status("People you're a buddy to", buddies, onboarding));
        }
        if (manager) {
            return Response.privately(OnboardingCards.status("Onboarding now (nobody names you as their manager)",
                    onboarding.active(invoker.tenant()), onboarding));
        }
        List<OnboardingRun> following = onboarding.following(invoker.user());
        if (!following.isEmpty()) {
            return Response.privately(OnboardingCards.status("People you're onboarding", following, onboarding));
        }
        if (!onboarding.runsOf(invoker.user()).isEmpty()) {
            return Response.privately(OnboardingCards.myProgress(invoker.platform(), onboarding.runsOf(
                    invoker.user()), onboarding));
        }
        return Response.privately(Message.of(Markup.builder().text("Nobody names you as their manager or buddy, "
                + "so there is nobody's onboarding to show you. Managers and admins see everyone's with ")
                .code(invoker.platform().command("onboarding") + " status").text("; a manager is set with ")
                .code(invoker.platform().command("onboarding") + " start @person track manager @them")
                .text(".").build()));
    }

    private Message tracks(TenantRef tenant) {
        String auto = onboardingSettings.autoTrack(tenant).orElse(null);
        Markup.Builder text = Markup.builder().bold("Onboarding tracks");
        for (OnboardingTrack track : catalog.all(tenant)) {
            text.newline().text("• ").code(track.key()).text(" ").bold(track.title())
                    .text(" · " + track.steps().size() + " steps over "
                            + DayOffset.format(track.steps().get(track.steps().size() - 1).day())
                            + (track.configured() ? " · from configuration" : " · written here"));
            if (track.key().equals(auto)) {
                text.italic(" · starts when someone joins");
            }
        }
        return Message.of(text.build());
    }

    private Response showAuto(Invoker invoker) {
        return Response.privately(onboardingSettings.autoTrack(invoker.tenant())
                .map(k -> "People who join start the track " + k + ".")
                .orElse("Nobody is started automatically when they join."));
    }

    private Response autoOff(Invoker invoker) {
        onboardingSettings.setAutoTrack(invoker.actor(), OnboardingSettings.OFF);
        return Response.privately("Done: nobody is started automatically any more.");
    }

    private Response auto(Invoker invoker, Arguments args) {
        OnboardingTrack track = catalog.require(invoker.tenant(), args.text(TRACK.name()).toLowerCase(Locale.ROOT));
        onboardingSettings.setAutoTrack(invoker.actor(), track.key());
        return Response.privately("Done: people who join start " + track.title() + " (" + track.key() + ").");
    }

    private Response showChannel(Invoker invoker) {
        return Response.privately(onboardingSettings.joinChannel(invoker.tenant())
                .map(c -> "People who join the onboarding channel are onboarded. Run channel off to stop.")
                .orElse("No onboarding channel. Run channel here in the channel whose new members should be "
                        + "onboarded."));
    }

    private Response channelOff(Invoker invoker) {
        onboardingSettings.setJoinChannel(invoker.actor(), null);
        return Response.privately("Done: joining a channel no longer starts onboarding.");
    }

    private Response channelHere(Invoker invoker) {
        // Nothing is stored until the bot has shown it can post here (joins are only seen where it is a member).
        Destination.Channel channel = ChannelHere.of(invoker, "the channel whose new members should be onboarded");
        ChannelHere.announce(messenger, channel, Message.of(Markup.builder()
                .text("👋 Whoever joins this channel will get an onboarding walkthrough (set by ")
                .text(invoker.displayName()).text(").").build()));
        onboardingSettings.setJoinChannel(invoker.actor(), channel);
        return Response.privately("Done: whoever joins this channel starts "
                + onboardingSettings.autoTrack(invoker.tenant()).orElse("(no track: set one with auto <track>)")
                + ".");
    }

    private Response stop(Invoker invoker, Arguments args) {
        UserRef person = args.people("person").get(0);
        String track = args.text(TRACK.name());
        List<String> stopped = new ArrayList<>();
        for (OnboardingRun run : onboarding.runsOf(person)) {
            if ((track.isEmpty() || run.getTrackKey().equalsIgnoreCase(track)) && run.getStatus()
                    == OnboardingRun.Status.ACTIVE && onboarding.stop(invoker.actor(), run)) {
                stopped.add(run.getTrackTitle());
            }
        }
        if (stopped.isEmpty()) {
            throw new UserError(profiles.displayName(person) + " has no running onboarding to stop.");
        }
        return Response.privately("Stopped " + String.join(", ", stopped) + " for " + profiles.displayName(person)
                + ".");
    }
}
