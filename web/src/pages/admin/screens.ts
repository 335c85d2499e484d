// The administration screens, in the menu's order: the menu (in the first script) needs only their names.
export const ADMIN_SCREENS = ['users', 'offices', 'agencies', 'holidays', 'sla', 'failed'] as const;
export type AdminScreen = (typeof ADMIN_SCREENS)[number];
