/** A workspace slug: lowercase letters, digits and inner dashes, 1 to 48 characters. Shared with the web app's forms. */
export const slugPattern = /^[a-z0-9](?:[a-z0-9-]{0,46}[a-z0-9])?$/;
