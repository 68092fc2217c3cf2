/** The permission that lets a role or token download press kits (the route's handler). */
export const PRESS_KIT_ACTION = 'api::article.press-kit.download';
