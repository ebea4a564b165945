import { Link } from "@remix-run/react";
import { NavMenu } from "@shopify/app-bridge-react";
import { SECTIONS } from "./navigation";

/** The app's entries in the admin's menu; App Bridge moves them out of the frame. */
export function AppNavMenu() {
  return (
    <NavMenu>
      {SECTIONS.map((section) => (
        <Link
          key={section.path}
          to={section.path ? `/app/${section.path}` : "/app"}
          rel={section.path ? undefined : "home"}
        >
          {section.label}
        </Link>
      ))}
    </NavMenu>
  );
}
