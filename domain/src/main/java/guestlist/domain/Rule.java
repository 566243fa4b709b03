package guestlist.domain;

/**
 * The rules of the domain, each named for what it protects; a {@link Refusal} names the one that
 * refused. How a refusal is told to a client (a code, a status) is the adapter's business.
 */
public enum Rule {
    /** A user name is 3 to 20 characters of letters A-Z, digits and underscores. */
    USERNAME_SHAPE,
    /** A password has 10 to 60 characters. */
    PASSWORD_LENGTH,
    /** A chosen password is typed twice, identically. */
    PASSWORDS_DIFFER,
    /** An e-mail address has the usual shape. */
    EMAIL_ADDRESS_SHAPE,
    /** An invite token is 32 characters of URL-safe base64. */
    INVITE_TOKEN_SHAPE,
    /** An invite admits 1 to 1,000,000 uses, or any number. */
    INVITE_USE_LIMIT,
    /** An invite expires in the future, at most 365 days ahead, or never. */
    INVITE_LIFETIME,
    /** A registration's invite names an invite usable now: known, not expired, not used up. */
    INVITE_NOT_USABLE,
    /** A site that admits members by invitation only wants an invite. */
    INVITE_REQUIRED,
    /** A member holds no more usable invites than the site allows. */
    INVITE_CAP_REACHED,
    /** A member's account is at least as old as the site asks before it creates invites. */
    ACCOUNT_TOO_NEW_TO_INVITE,
    /** A member creates no more invites in 24 hours than the site allows. */
    INVITE_DAILY_LIMIT_REACHED,
    /** No more accounts join through invites in 24 hours than the site allows. */
    INVITE_SIGNUPS_PAUSED,
    /** An invite's comment is at most 200 characters. */
    INVITE_COMMENT_LENGTH,
    /** A site that asks an application question wants an answer. */
    APPLICATION_ANSWER_REQUIRED,
    /** A closed site admits nobody. */
    REGISTRATION_CLOSED,
    /** An account whose application is undecided may not log in. */
    APPLICATION_PENDING,
    /** An account whose application was denied may not log in. */
    APPLICATION_DENIED,
    /** A deny reason is at most 10,000 characters. */
    DENY_REASON_LENGTH,
    /** Only an admin may do this. */
    ADMIN_ONLY,
    /** A page holds 1 to 50 items. */
    PAGE_SIZE,
    /** The site's name is 1 to 100 characters and not blank. */
    SITE_NAME_LENGTH,
    /** The per-member invite cap is 0 to 1,000,000. */
    SITE_INVITE_CAP_RANGE,
    /** The application question is at most 10,000 characters. */
    SITE_QUESTION_LENGTH,
    /** A banned account may not log in nor act, until its ban ends or is lifted. */
    ACCOUNT_BANNED,
    /** A ban that ends, ends in the future. */
    BAN_EXPIRATION_IN_PAST,
    /** Admins are never the target of a ban or of an action on someone's invites. */
    NOT_HIGHER_ADMIN,
    /** An account whose invites an admin withdrew may not create invites. */
    INVITES_DISABLED,
    /** The reason for a moderation action is at most 1,000 characters. */
    MODERATION_REASON_LENGTH,
    /** The minimum account age for creating invites is 0 to 8,760 hours (a year). */
    SITE_INVITE_MIN_ACCOUNT_AGE_RANGE,
    /** The per-member daily invite limit is 0 to 1,000. */
    SITE_INVITES_PER_DAY_RANGE,
    /** The daily limit of sign-ups through invites is 0 to 1,000,000. */
    SITE_INVITE_SIGNUPS_PER_DAY_RANGE
}
