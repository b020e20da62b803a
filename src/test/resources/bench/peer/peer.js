// The benchmark's peer: a SCIM 2.0 server built on SCIMMY + scimmy-routers + express, with
// in-memory resource handlers (nothing written durably). Started by ScimFrontDoorBenchIT with
// PORT set; prints "listening <port>" once it accepts connections.
import express from "express";
import SCIMMY from "scimmy";
import SCIMMYRouters from "scimmy-routers";
import {randomUUID} from "node:crypto";

function store(indexAttribute) {
    const byId = new Map();
    const byKey = new Map();
    const eq = new RegExp(`^\\s*${indexAttribute}\\s+eq\\s+"(.*)"\\s*$`, "i");
    return {
        ingress(resource, instance) {
            const now = new Date();
            const id = resource.id ?? randomUUID();
            const previous = byId.get(id);
            if (resource.id && !previous) {
                throw new SCIMMY.Types.Error(404, null, `Resource ${id} not found`);
            }
            const value = JSON.parse(JSON.stringify(instance));
            const stored = {...value, id, meta: {created: previous?.meta.created ?? now, lastModified: now}};
            if (previous) byKey.delete(previous[indexAttribute]);
            byId.set(id, stored);
            byKey.set(stored[indexAttribute], stored);
            return stored;
        },
        egress(resource) {
            if (resource.id) {
                const found = byId.get(resource.id);
                if (!found) throw new SCIMMY.Types.Error(404, null, `Resource ${resource.id} not found`);
                return found;
            }
            const expression = resource.filter?.expression;
            const indexed = typeof expression === "string" ? expression.match(eq) : null;
            if (indexed) {
                const found = byKey.get(indexed[1]);
                return found ? [found] : [];
            }
            const all = [...byId.values()];
            return resource.filter ? resource.filter.match(all) : all;
        },
        degress(resource) {
            const found = byId.get(resource.id);
            if (!found) throw new SCIMMY.Types.Error(404, null, `Resource ${resource.id} not found`);
            byId.delete(resource.id);
            byKey.delete(found[indexAttribute]);
        }
    };
}

const users = store("userName");
const groups = store("displayName");
SCIMMY.Resources.declare(SCIMMY.Resources.User)
    .ingress((r, i) => users.ingress(r, i)).egress((r) => users.egress(r)).degress((r) => users.degress(r));
SCIMMY.Resources.User.extend(SCIMMY.Schemas.EnterpriseUser, false);
SCIMMY.Resources.declare(SCIMMY.Resources.Group)
    .ingress((r, i) => groups.ingress(r, i)).egress((r) => groups.egress(r)).degress((r) => groups.degress(r));

const app = express();
app.use("/scim/v2", new SCIMMYRouters({
    type: "bearer",
    handler: (request) => {
        if (!request.header("Authorization")?.startsWith("Bearer ")) throw new Error("Authorization not detected!");
        return "bench";
    }
}));
const server = app.listen(Number(process.env.PORT ?? 0), "127.0.0.1", () => {
    console.log(`listening ${server.address().port}`);
});
