// The frame of every signed-in screen: a skip link, the header with the language switch and sign-out, the menu.
import { Anchor, AppShell, Burger, Group, NavLink, Text, VisuallyHidden } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { isPartner, useAuth } from '../auth';
import { ADMIN_SCREENS } from '../pages/admin/screens';
import { ConnectionBanner } from './ConnectionBanner';
import { LanguageSwitch } from './LanguageSwitch';
import { NotificationBell } from './NotificationBell';

export function Layout({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const { user, signOut } = useAuth();
  const [opened, { toggle }] = useDisclosure();
  const { pathname } = useLocation();
  const links = [
    { to: '/', label: t('nav.inbox') },
    { to: '/cases', label: t('nav.cases') },
    { to: '/register', label: t('nav.register') },
    { to: '/register/batch', label: t('batch.nav') },
    ...(user?.role === 'SUPERVISOR' || user?.role === 'HEAD'
      ? [{ to: '/escalations', label: t('nav.escalations') }]
      : []),
    { to: '/process', label: t('processPage.nav') },
  ];
  const reports = user?.role === 'SUPERVISOR' || user?.role === 'HEAD' || user?.role === 'ADMIN';
  if (reports) links.push({ to: '/reports', label: t('nav.reports') });
  // issue 20: a head drafts their province's SLA policy; supervisors and heads move running cases to a version
  if (user?.role === 'HEAD') links.push({ to: '/sla', label: t('slaMove.nav.policy') });
  if (user?.role === 'SUPERVISOR' || user?.role === 'HEAD')
    links.push({ to: '/sla/move', label: t('slaMove.nav.move') });
  // a partner agency's users see their referrals only, none of the staff's screens; an administrator has no case
  // work: the administration (and the national reports) instead of the staff's screens
  const isAdmin = user?.role === 'ADMIN';
  const adminLinks = isAdmin ? ADMIN_SCREENS.map((s) => ({ to: `/admin/${s}`, label: t(`nav.admin.${s}`) })) : [];
  const menu = isPartner(user)
    ? [{ to: '/', label: t('nav.partner') }]
    : isAdmin
      ? [{ to: '/reports', label: t('nav.reports') }]
      : links;
  // the longest link the path is under is the active one (/register/batch is not /register)
  const active = [...menu, ...adminLinks]
    .map((l) => l.to)
    .filter((to) => (to === '/' ? pathname === '/' : pathname === to || pathname.startsWith(`${to}/`)))
    .sort((a, b) => b.length - a.length)[0];
  return (
    <AppShell
      header={{ height: 56 }}
      navbar={{ width: 220, breakpoint: 'sm', collapsed: { mobile: !opened } }}
      padding="md"
    >
      <Anchor href="#main" className="skip-link">
        {t('app.skip')}
      </Anchor>
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group wrap="nowrap">
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label={t('nav.menu')} />
            <Text fw={700} size="lg">
              {t('app.name')}
            </Text>
            <Text size="sm" c="gray.7" visibleFrom="md">
              {t('app.tagline')}
            </Text>
          </Group>
          <Group wrap="nowrap">
            <NotificationBell />
            <Text size="sm" visibleFrom="sm">
              {user?.displayName}
            </Text>
            <LanguageSwitch userId={user?.id} />
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" aria-label={t('nav.menu')} component="nav">
        {menu.map((l) => (
          <NavLink key={l.to} component={Link} to={l.to} label={l.label} variant="filled" active={l.to === active} />
        ))}
        {isAdmin && (
          <NavLink component="button" label={t('nav.admin.title')} defaultOpened childrenOffset="sm">
            {adminLinks.map((l) => (
              <NavLink
                key={l.to}
                component={Link}
                to={l.to}
                label={l.label}
                variant="filled"
                active={l.to === active}
              />
            ))}
          </NavLink>
        )}
        <NavLink component="button" label={t('nav.signOut')} onClick={() => void signOut()} />
      </AppShell.Navbar>
      <AppShell.Main id="main" tabIndex={-1}>
        <VisuallyHidden aria-live="polite" />
        <ConnectionBanner />
        {children}
      </AppShell.Main>
    </AppShell>
  );
}
