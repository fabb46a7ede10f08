#!/usr/bin/env python3
"""Writes the docker save fixtures beside this script, byte for byte reproducible.

classic.tar           Docker <= 24 `docker save app:v1`: manifest.json, <config hex>.json,
                      <layer id>/{VERSION,json,layer.tar} (uncompressed layers), repositories.
docker25-partial.tar  Docker 25+ with the containerd image store: an OCI layout (oci-layout,
                      index.json naming an image index) plus manifest.json; the index lists
                      linux/amd64 and linux/arm64 with an attestation each, but only linux/amd64
                      and its attestation are in the archive, as `docker save` writes them.
"""
import gzip, hashlib, io, json, os, tarfile

HERE = os.path.dirname(os.path.abspath(__file__))


def sha(b):
    return "sha256:" + hashlib.sha256(b).hexdigest()


def layer_tar(name, content):
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w", format=tarfile.USTAR_FORMAT) as t:
        info = tarfile.TarInfo(name)
        info.size = len(content)
        info.mtime = 0
        t.addfile(info, io.BytesIO(content))
    return buf.getvalue()


def write_tar(path, files):
    with tarfile.open(path, mode="w", format=tarfile.USTAR_FORMAT) as t:
        for name, data in files:
            info = tarfile.TarInfo(name)
            info.mtime = 0
            if data is None:
                info.type = tarfile.DIRTYPE
                info.mode = 0o755
                t.addfile(info)
            else:
                info.size = len(data)
                info.mode = 0o644
                t.addfile(info, io.BytesIO(data))


def dumps(doc):
    return json.dumps(doc, separators=(",", ":")).encode()


def config(arch, diff_ids):
    return dumps({"architecture": arch, "os": "linux", "config": {"Cmd": ["/hello"]},
                  "rootfs": {"type": "layers", "diff_ids": diff_ids}})


def classic():
    layers = [layer_tar("hello", b"hello from the classic docker save fixture\n"),
              layer_tar("etc/motd", b"second layer\n")]
    cfg = config("amd64", [sha(l) for l in layers])
    cfg_hex = hashlib.sha256(cfg).hexdigest()
    files, paths, parent = [], [], None
    for i, l in enumerate(layers):
        v1 = hashlib.sha256((str(parent) + sha(l)).encode()).hexdigest()
        files += [(v1, None), (v1 + "/VERSION", b"1.0"),
                  (v1 + "/json", dumps({"id": v1, "parent": parent} if parent else {"id": v1})),
                  (v1 + "/layer.tar", l)]
        paths.append(v1 + "/layer.tar")
        parent = v1
    files.append((cfg_hex + ".json", cfg))
    files.append(("manifest.json", dumps([{"Config": cfg_hex + ".json", "RepoTags": ["app:v1"], "Layers": paths}])))
    files.append(("repositories", dumps({"app": {"v1": parent}})))
    write_tar(os.path.join(HERE, "classic.tar"), files)


def docker25_partial():
    blobs = {}

    def blob(b):
        blobs[sha(b)] = b
        return sha(b)

    def image(arch, present):
        raw = layer_tar("hello", ("hello from " + arch + "\n").encode())
        gz = gzip.compress(raw, mtime=0)
        cfg = config(arch, [sha(raw)])
        m = dumps({"schemaVersion": 2, "mediaType": "application/vnd.oci.image.manifest.v1+json",
                   "config": {"mediaType": "application/vnd.oci.image.config.v1+json", "digest": sha(cfg), "size": len(cfg)},
                   "layers": [{"mediaType": "application/vnd.oci.image.layer.v1.tar+gzip", "digest": sha(gz), "size": len(gz)}]})
        statement = dumps({"_type": "https://in-toto.io/Statement/v0.1", "predicateType": "https://spdx.dev/Document",
                           "subject": [{"name": "app", "digest": {"sha256": hashlib.sha256(m).hexdigest()}}]})
        att_cfg = dumps({"architecture": "unknown", "os": "unknown", "config": {},
                         "rootfs": {"type": "layers", "diff_ids": [sha(statement)]}})
        att = dumps({"schemaVersion": 2, "mediaType": "application/vnd.oci.image.manifest.v1+json",
                     "config": {"mediaType": "application/vnd.oci.image.config.v1+json", "digest": sha(att_cfg), "size": len(att_cfg)},
                     "layers": [{"mediaType": "application/vnd.in-toto+json", "digest": sha(statement), "size": len(statement),
                                 "annotations": {"in-toto.io/predicate-type": "https://spdx.dev/Document"}}]})
        if present:
            for b in (gz, cfg, m, statement, att_cfg, att):
                blob(b)
        entry = {"mediaType": "application/vnd.oci.image.manifest.v1+json", "digest": sha(m), "size": len(m),
                 "platform": {"architecture": arch, "os": "linux"}}
        att_entry = {"mediaType": "application/vnd.oci.image.manifest.v1+json", "digest": sha(att), "size": len(att),
                     "annotations": {"vnd.docker.reference.digest": sha(m), "vnd.docker.reference.type": "attestation-manifest"},
                     "platform": {"architecture": "unknown", "os": "unknown"}}
        return entry, att_entry, cfg, gz

    amd, amd_att, amd_cfg, amd_layer = image("amd64", True)
    arm, arm_att, _, _ = image("arm64", False)
    index = dumps({"schemaVersion": 2, "mediaType": "application/vnd.oci.image.index.v1+json",
                   "manifests": [amd, arm, amd_att, arm_att]})
    blob(index)
    top = dumps({"schemaVersion": 2, "mediaType": "application/vnd.oci.image.index.v1+json",
                 "manifests": [{"mediaType": "application/vnd.oci.image.index.v1+json", "digest": sha(index), "size": len(index),
                                "annotations": {"io.containerd.image.name": "docker.io/library/app:v1",
                                                "org.opencontainers.image.ref.name": "v1"}}]})
    files = [("blobs", None), ("blobs/sha256", None)]
    files += [("blobs/sha256/" + d[7:], b) for d, b in sorted(blobs.items())]
    files.append(("index.json", top))
    files.append(("manifest.json", dumps([{"Config": "blobs/sha256/" + sha(amd_cfg)[7:], "RepoTags": ["app:v1"],
                                            "Layers": ["blobs/sha256/" + sha(amd_layer)[7:]]}])))
    files.append(("oci-layout", dumps({"imageLayoutVersion": "1.0.0"})))
    files.append(("repositories", dumps({"app": {"v1": sha(amd_cfg)[7:]}})))
    write_tar(os.path.join(HERE, "docker25-partial.tar"), files)


classic()
docker25_partial()
