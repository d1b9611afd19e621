# bash completion for pydock, generated from its command tree by `pydock completion bash`: do not
# edit (scripts/gen_docs.py writes completions/pydock.bash). Sourcing it runs nothing; commands,
# flags and fixed values complete without starting a program; engine objects come from
# `pydock __complete KIND`, which loads no library beyond Python's own and gives up after 300 ms.

declare -gA _pydock_subs=(
  ['pydock']='attach build builder commit completion compose container context cp create diff events exec export history image images import info inspect kill load login logout logs manifest network pause plugin port ps pull push rename restart rm rmi run save search start stats stop system tag top unpause update version volume wait'
  ['pydock builder']='build prune'
  ['pydock compose']='attach build commit config cp create down events exec export images kill logs ls pause port ps pull push restart rm run scale start stats stop top unpause up version volumes wait watch'
  ['pydock container']='attach commit cp create diff exec export inspect kill logs ls pause port prune rename restart rm run start stats stop top unpause update wait list ps remove'
  ['pydock context']='create export import inspect ls rm show update use list remove'
  ['pydock image']='build history import inspect load ls prune pull push rm save tag list remove rmi'
  ['pydock manifest']='annotate create inspect push rm'
  ['pydock network']='connect create disconnect inspect ls prune rm list remove'
  ['pydock plugin']='create disable enable inspect install ls push rm set upgrade list remove'
  ['pydock system']='df events info prune'
  ['pydock volume']='create inspect ls prune rm list remove'
)
declare -gA _pydock_alias=(
  ['pydock container list']='pydock container ls'
  ['pydock container ps']='pydock container ls'
  ['pydock container remove']='pydock container rm'
  ['pydock context list']='pydock context ls'
  ['pydock context remove']='pydock context rm'
  ['pydock image list']='pydock image ls'
  ['pydock image remove']='pydock image rm'
  ['pydock image rmi']='pydock image rm'
  ['pydock network list']='pydock network ls'
  ['pydock network remove']='pydock network rm'
  ['pydock plugin list']='pydock plugin ls'
  ['pydock plugin remove']='pydock plugin rm'
  ['pydock volume list']='pydock volume ls'
  ['pydock volume remove']='pydock volume rm'
)
declare -gA _pydock_flags=(
  ['pydock']='--config -c --context -D --debug -H --host -l --log-level --tls --tlscacert --tlscert --tlskey --tlsverify -v --version --help'
  ['pydock attach']='--detach-keys --no-stdin --sig-proxy --help'
  ['pydock build']='--add-host --build-arg --cache-from --cgroup-parent --compress --cpu-period --cpu-quota -c --cpu-shares --cpuset-cpus --cpuset-mems --disable-content-trust -f --file --force-rm --iidfile --isolation --label -m --memory --memory-swap --network --no-cache --platform --pull -q --quiet --rm --security-opt --shm-size -t --tag --target --ulimit --help'
  ['pydock builder']='--help'
  ['pydock builder build']='--add-host --build-arg --cache-from --cgroup-parent --compress --cpu-period --cpu-quota -c --cpu-shares --cpuset-cpus --cpuset-mems --disable-content-trust -f --file --force-rm --iidfile --isolation --label -m --memory --memory-swap --network --no-cache --platform --pull -q --quiet --rm --security-opt --shm-size -t --tag --target --ulimit --help'
  ['pydock builder prune']='-a --all --filter -f --force --keep-storage --help'
  ['pydock commit']='-a --author -c --change -m --message -p --pause --help'
  ['pydock completion']='--help'
  ['pydock compose']='--all-resources --ansi --compatibility --dry-run --env-file -f --file --parallel --profile --progress --project-directory -p --project-name --help'
  ['pydock compose attach']='--detach-keys --dry-run --index --no-stdin --sig-proxy --help'
  ['pydock compose build']='--build-arg --builder --check --dry-run -m --memory --no-cache --print --provenance --pull --push -q --quiet --sbom --ssh --with-dependencies --help'
  ['pydock compose commit']='-a --author -c --change --dry-run --index -m --message -p --pause --help'
  ['pydock compose config']='--dry-run --environment --format --hash --images --lock-image-digests --models --networks --no-consistency --no-env-resolution --no-interpolate --no-normalize --no-path-resolution -o --output --profiles -q --quiet --resolve-image-digests --services --variables --volumes --help'
  ['pydock compose cp']='--all -a --archive --dry-run -L --follow-link --index --help'
  ['pydock compose create']='--build --dry-run --force-recreate --no-build --no-recreate --pull --quiet-pull --remove-orphans --scale -y --yes --help'
  ['pydock compose down']='--dry-run --remove-orphans --rmi -t --timeout -v --volumes --help'
  ['pydock compose events']='--dry-run --json --since --until --help'
  ['pydock compose exec']='-d --detach --dry-run -e --env --index --privileged -u --user -T --no-tty -w --workdir --help'
  ['pydock compose export']='--dry-run --index -o --output --help'
  ['pydock compose images']='--dry-run --format -q --quiet --help'
  ['pydock compose kill']='--dry-run --remove-orphans -s --signal --help'
  ['pydock compose logs']='--dry-run -f --follow --index --no-color --no-log-prefix --since -n --tail -t --timestamps --until --help'
  ['pydock compose ls']='-a --all --dry-run --filter --format -q --quiet --help'
  ['pydock compose pause']='--dry-run --help'
  ['pydock compose port']='--dry-run --index --protocol --help'
  ['pydock compose ps']='-a --all --dry-run --filter --format --no-trunc --orphans -q --quiet --services --status --help'
  ['pydock compose pull']='--dry-run --ignore-buildable --ignore-pull-failures --include-deps --policy -q --quiet --help'
  ['pydock compose push']='--dry-run --ignore-push-failures --include-deps -q --quiet --help'
  ['pydock compose restart']='--dry-run --no-deps -t --timeout --help'
  ['pydock compose rm']='--dry-run -f --force -s --stop -v --volumes --help'
  ['pydock compose run']='--build --cap-add --cap-drop -d --detach --dry-run --entrypoint -e --env --env-from-file -i --interactive -l --label --labels --name -T --no-TTY --no-tty --no-deps -p --publish --pull -q --quiet --quiet-build --quiet-pull --remove-orphans --rm -P --service-ports --use-aliases -u --user -v --volume --volumes -w --workdir --help'
  ['pydock compose scale']='--dry-run --no-deps --help'
  ['pydock compose start']='--dry-run --help'
  ['pydock compose stats']='-a --all --dry-run --format --no-stream --no-trunc --help'
  ['pydock compose stop']='--dry-run -t --timeout --help'
  ['pydock compose top']='--dry-run --help'
  ['pydock compose unpause']='--dry-run --help'
  ['pydock compose up']='--abort-on-container-exit --abort-on-container-failure --always-recreate-deps --attach --attach-dependencies --build -d --detach --dry-run --exit-code-from --force-recreate --menu --no-attach --no-build --no-color --no-deps --no-log-prefix --no-recreate --no-start --pull --quiet-build --quiet-pull --remove-orphans -V --renew-anon-volumes --scale -t --timeout --timestamps --wait --wait-timeout -w --watch -y --yes --help'
  ['pydock compose version']='--dry-run -f --format --short --help'
  ['pydock compose volumes']='--dry-run --format -q --quiet --help'
  ['pydock compose wait']='--down-project --dry-run --help'
  ['pydock compose watch']='--dry-run --no-up --prune --quiet --help'
  ['pydock container']='--help'
  ['pydock container attach']='--detach-keys --no-stdin --sig-proxy --help'
  ['pydock container commit']='-a --author -c --change -m --message -p --pause --help'
  ['pydock container cp']='-a --archive -L --follow-link -q --quiet --help'
  ['pydock container create']='--add-host --annotation -a --attach --blkio-weight --blkio-weight-device --cap-add --cap-drop --cgroup-parent --cgroupns --cidfile --cpu-period --cpu-quota --cpu-rt-period --cpu-rt-runtime -c --cpu-shares --cpus --cpuset-cpus --cpuset-mems --device --device-cgroup-rule --device-read-bps --device-read-iops --device-write-bps --device-write-iops --disable-content-trust --dns --dns-option --dns-opt --dns-search --domainname --entrypoint -e --env --env-file --expose --gpus --group-add --health-cmd --health-interval --health-retries --health-start-interval --health-start-period --health-timeout -h --hostname --init -i --interactive --ip --ip6 --ipc --isolation --kernel-memory -l --label --label-file --link --link-local-ip --log-driver --log-opt --mac-address -m --memory --memory-reservation --memory-swap --memory-swappiness --mount --name --network --net --network-alias --net-alias --no-healthcheck --oom-kill-disable --oom-score-adj --pid --pids-limit --platform --privileged -p --publish -P --publish-all --pull -q --quiet --read-only --restart --rm --runtime --security-opt --shm-size --stop-signal --stop-timeout --storage-opt --sysctl --tmpfs -t --tty --ulimit --use-api-socket -u --user --userns --uts -v --volume --volume-driver --volumes-from -w --workdir --dry-run --help'
  ['pydock container diff']='--help'
  ['pydock container exec']='-d --detach --detach-keys -e --env --env-file -i --interactive --privileged -t --tty -u --user -w --workdir --help'
  ['pydock container export']='-o --output --help'
  ['pydock container inspect']='-f --format -s --size --help'
  ['pydock container kill']='-s --signal --help'
  ['pydock container logs']='--details -f --follow --since -n --tail -t --timestamps --until --help'
  ['pydock container ls']='-a --all -f --filter --format -n --last -l --latest --no-trunc -q --quiet -s --size --help'
  ['pydock container pause']='--help'
  ['pydock container port']='--help'
  ['pydock container prune']='--filter -f --force --dry-run --help'
  ['pydock container rename']='--help'
  ['pydock container restart']='-s --signal -t --timeout --help'
  ['pydock container rm']='-f --force -l --link -v --volumes --help'
  ['pydock container run']='--add-host --annotation -a --attach --blkio-weight --blkio-weight-device --cap-add --cap-drop --cgroup-parent --cgroupns --cidfile --cpu-period --cpu-quota --cpu-rt-period --cpu-rt-runtime -c --cpu-shares --cpus --cpuset-cpus --cpuset-mems -d --detach --detach-keys --device --device-cgroup-rule --device-read-bps --device-read-iops --device-write-bps --device-write-iops --disable-content-trust --dns --dns-option --dns-opt --dns-search --domainname --dry-run --entrypoint -e --env --env-file --expose --gpus --group-add --health-cmd --health-interval --health-retries --health-start-interval --health-start-period --health-timeout -h --hostname --init -i --interactive --ip --ip6 --ipc --isolation --kernel-memory -l --label --label-file --link --link-local-ip --log-driver --log-opt --mac-address -m --memory --memory-reservation --memory-swap --memory-swappiness --mount --name --network --net --network-alias --net-alias --no-healthcheck --oom-kill-disable --oom-score-adj --pid --pids-limit --platform --privileged -p --publish -P --publish-all --pull -q --quiet --read-only --restart --rm --runtime --security-opt --shm-size --sig-proxy --stop-signal --stop-timeout --storage-opt --sysctl --tmpfs -t --tty --ulimit --use-api-socket -u --user --userns --uts -v --volume --volume-driver --volumes-from -w --workdir --help'
  ['pydock container start']='-a --attach --detach-keys -i --interactive --help'
  ['pydock container stats']='-a --all --count -f --filter --format --interval --no-stream --no-trunc --sort --help'
  ['pydock container stop']='-s --signal -t --timeout --help'
  ['pydock container top']='--help'
  ['pydock container unpause']='--help'
  ['pydock container update']='--blkio-weight --cpu-period --cpu-quota --cpu-rt-period --cpu-rt-runtime -c --cpu-shares --cpus --cpuset-cpus --cpuset-mems -m --memory --memory-reservation --memory-swap --pids-limit --restart --help'
  ['pydock container wait']='--help'
  ['pydock context']='--help'
  ['pydock context create']='--description --docker --from --help'
  ['pydock context export']='--help'
  ['pydock context import']='--help'
  ['pydock context inspect']='-f --format --help'
  ['pydock context ls']='--format -q --quiet --help'
  ['pydock context rm']='-f --force --help'
  ['pydock context show']='--help'
  ['pydock context update']='--description --docker --help'
  ['pydock context use']='--help'
  ['pydock cp']='-a --archive -L --follow-link -q --quiet --help'
  ['pydock create']='--add-host --annotation -a --attach --blkio-weight --blkio-weight-device --cap-add --cap-drop --cgroup-parent --cgroupns --cidfile --cpu-period --cpu-quota --cpu-rt-period --cpu-rt-runtime -c --cpu-shares --cpus --cpuset-cpus --cpuset-mems --device --device-cgroup-rule --device-read-bps --device-read-iops --device-write-bps --device-write-iops --disable-content-trust --dns --dns-option --dns-opt --dns-search --domainname --entrypoint -e --env --env-file --expose --gpus --group-add --health-cmd --health-interval --health-retries --health-start-interval --health-start-period --health-timeout -h --hostname --init -i --interactive --ip --ip6 --ipc --isolation --kernel-memory -l --label --label-file --link --link-local-ip --log-driver --log-opt --mac-address -m --memory --memory-reservation --memory-swap --memory-swappiness --mount --name --network --net --network-alias --net-alias --no-healthcheck --oom-kill-disable --oom-score-adj --pid --pids-limit --platform --privileged -p --publish -P --publish-all --pull -q --quiet --read-only --restart --rm --runtime --security-opt --shm-size --stop-signal --stop-timeout --storage-opt --sysctl --tmpfs -t --tty --ulimit --use-api-socket -u --user --userns --uts -v --volume --volume-driver --volumes-from -w --workdir --dry-run --help'
  ['pydock diff']='--help'
  ['pydock events']='-f --filter --format --since --until --help'
  ['pydock exec']='-d --detach --detach-keys -e --env --env-file -i --interactive --privileged -t --tty -u --user -w --workdir --help'
  ['pydock export']='-o --output --help'
  ['pydock history']='--format -H --human --no-trunc -q --quiet --help'
  ['pydock image']='--help'
  ['pydock image build']='--add-host --build-arg --cache-from --cgroup-parent --compress --cpu-period --cpu-quota -c --cpu-shares --cpuset-cpus --cpuset-mems --disable-content-trust -f --file --force-rm --iidfile --isolation --label -m --memory --memory-swap --network --no-cache --platform --pull -q --quiet --rm --security-opt --shm-size -t --tag --target --ulimit --help'
  ['pydock image history']='--format -H --human --no-trunc -q --quiet --help'
  ['pydock image import']='-c --change -m --message --platform --help'
  ['pydock image inspect']='-f --format --help'
  ['pydock image load']='-i --input -q --quiet --help'
  ['pydock image ls']='-a --all --digests -f --filter --format --no-trunc -q --quiet --help'
  ['pydock image prune']='-a --all --filter -f --force --dry-run --help'
  ['pydock image pull']='-a --all-tags --disable-content-trust --platform -q --quiet --help'
  ['pydock image push']='-a --all-tags --disable-content-trust -q --quiet --help'
  ['pydock image rm']='-f --force --no-prune --help'
  ['pydock image save']='-o --output --help'
  ['pydock image tag']='--help'
  ['pydock images']='-a --all --digests -f --filter --format --no-trunc -q --quiet --help'
  ['pydock import']='-c --change -m --message --platform --help'
  ['pydock info']='-f --format --help'
  ['pydock inspect']='-f --format -s --size --type --help'
  ['pydock kill']='-s --signal --help'
  ['pydock load']='-i --input -q --quiet --help'
  ['pydock login']='-p --password --password-stdin -u --username --help'
  ['pydock logout']='--help'
  ['pydock logs']='--details -f --follow --since -n --tail -t --timestamps --until --help'
  ['pydock manifest']='--help'
  ['pydock manifest annotate']='--arch --os --os-features --os-version --variant --help'
  ['pydock manifest create']='-a --amend --insecure --help'
  ['pydock manifest inspect']='--insecure -v --verbose --help'
  ['pydock manifest push']='--insecure -p --purge --help'
  ['pydock manifest rm']='--help'
  ['pydock network']='--help'
  ['pydock network connect']='--alias --driver-opt --gw-priority --ip --ip6 --link --link-local-ip --help'
  ['pydock network create']='--attachable --aux-address --config-from --config-only -d --driver --gateway --ingress --internal --ip-range --ipam-driver --ipam-opt --ipv4 --ipv6 --label -o --opt --scope --subnet --help'
  ['pydock network disconnect']='-f --force --help'
  ['pydock network inspect']='-f --format -v --verbose --help'
  ['pydock network ls']='-f --filter --format --no-trunc -q --quiet --help'
  ['pydock network prune']='--filter -f --force --dry-run --help'
  ['pydock network rm']='-f --force --help'
  ['pydock pause']='--help'
  ['pydock plugin']='--help'
  ['pydock plugin create']='--compress --help'
  ['pydock plugin disable']='-f --force --help'
  ['pydock plugin enable']='--timeout --help'
  ['pydock plugin inspect']='-f --format --help'
  ['pydock plugin install']='--alias --disable --disable-content-trust --grant-all-permissions --help'
  ['pydock plugin ls']='-f --filter --format --no-trunc -q --quiet --help'
  ['pydock plugin push']='--disable-content-trust --help'
  ['pydock plugin rm']='-f --force --help'
  ['pydock plugin set']='--help'
  ['pydock plugin upgrade']='--disable-content-trust --grant-all-permissions --skip-remote-check --help'
  ['pydock port']='--help'
  ['pydock ps']='-a --all -f --filter --format -n --last -l --latest --no-trunc -q --quiet -s --size --help'
  ['pydock pull']='-a --all-tags --disable-content-trust --platform -q --quiet --help'
  ['pydock push']='-a --all-tags --disable-content-trust -q --quiet --help'
  ['pydock rename']='--help'
  ['pydock restart']='-s --signal -t --timeout --help'
  ['pydock rm']='-f --force -l --link -v --volumes --help'
  ['pydock rmi']='-f --force --no-prune --help'
  ['pydock run']='--add-host --annotation -a --attach --blkio-weight --blkio-weight-device --cap-add --cap-drop --cgroup-parent --cgroupns --cidfile --cpu-period --cpu-quota --cpu-rt-period --cpu-rt-runtime -c --cpu-shares --cpus --cpuset-cpus --cpuset-mems -d --detach --detach-keys --device --device-cgroup-rule --device-read-bps --device-read-iops --device-write-bps --device-write-iops --disable-content-trust --dns --dns-option --dns-opt --dns-search --domainname --dry-run --entrypoint -e --env --env-file --expose --gpus --group-add --health-cmd --health-interval --health-retries --health-start-interval --health-start-period --health-timeout -h --hostname --init -i --interactive --ip --ip6 --ipc --isolation --kernel-memory -l --label --label-file --link --link-local-ip --log-driver --log-opt --mac-address -m --memory --memory-reservation --memory-swap --memory-swappiness --mount --name --network --net --network-alias --net-alias --no-healthcheck --oom-kill-disable --oom-score-adj --pid --pids-limit --platform --privileged -p --publish -P --publish-all --pull -q --quiet --read-only --restart --rm --runtime --security-opt --shm-size --sig-proxy --stop-signal --stop-timeout --storage-opt --sysctl --tmpfs -t --tty --ulimit --use-api-socket -u --user --userns --uts -v --volume --volume-driver --volumes-from -w --workdir --help'
  ['pydock save']='-o --output --help'
  ['pydock search']='-f --filter --format --limit --no-trunc --help'
  ['pydock start']='-a --attach --detach-keys -i --interactive --help'
  ['pydock stats']='-a --all --count -f --filter --format --interval --no-stream --no-trunc --sort --help'
  ['pydock stop']='-s --signal -t --timeout --help'
  ['pydock system']='--help'
  ['pydock system df']='--format -v --verbose --help'
  ['pydock system events']='-f --filter --format --since --until --help'
  ['pydock system info']='-f --format --help'
  ['pydock system prune']='-a --all --filter -f --force --volumes --dry-run --help'
  ['pydock tag']='--help'
  ['pydock top']='--help'
  ['pydock unpause']='--help'
  ['pydock update']='--blkio-weight --cpu-period --cpu-quota --cpu-rt-period --cpu-rt-runtime -c --cpu-shares --cpus --cpuset-cpus --cpuset-mems -m --memory --memory-reservation --memory-swap --pids-limit --restart --help'
  ['pydock version']='-f --format --help'
  ['pydock volume']='--help'
  ['pydock volume create']='-d --driver --label -o --opt --help'
  ['pydock volume inspect']='-f --format --help'
  ['pydock volume ls']='-f --filter --format -q --quiet --help'
  ['pydock volume prune']='-a --all --filter -f --force --dry-run --help'
  ['pydock volume rm']='-f --force --help'
  ['pydock wait']='--help'
)
declare -gA _pydock_valued=(
  ['pydock']='--config -c --context -H --host -l --log-level --tlscacert --tlscert --tlskey'
  ['pydock attach']='--detach-keys'
  ['pydock build']='--add-host --build-arg --cache-from --cgroup-parent --cpu-period --cpu-quota -c --cpu-shares --cpuset-cpus --cpuset-mems -f --file --iidfile --isolation --label -m --memory --memory-swap --network --platform --security-opt --shm-size -t --tag --target --ulimit'
  ['pydock builder build']='--add-host --build-arg --cache-from --cgroup-parent --cpu-period --cpu-quota -c --cpu-shares --cpuset-cpus --cpuset-mems -f --file --iidfile --isolation --label -m --memory --memory-swap --network --platform --security-opt --shm-size -t --tag --target --ulimit'
  ['pydock builder prune']='--filter --keep-storage'
  ['pydock commit']='-a --author -c --change -m --message'
  ['pydock compose']='--ansi --env-file -f --file --parallel --profile --progress --project-directory -p --project-name'
  ['pydock compose attach']='--detach-keys --index'
  ['pydock compose build']='--build-arg --builder -m --memory --provenance --sbom --ssh'
  ['pydock compose commit']='-a --author -c --change --index -m --message'
  ['pydock compose config']='--format --hash -o --output'
  ['pydock compose cp']='--index'
  ['pydock compose create']='--pull --scale'
  ['pydock compose down']='--rmi -t --timeout'
  ['pydock compose events']='--since --until'
  ['pydock compose exec']='-e --env --index -u --user -w --workdir'
  ['pydock compose export']='--index -o --output'
  ['pydock compose images']='--format'
  ['pydock compose kill']='-s --signal'
  ['pydock compose logs']='--index --since -n --tail --until'
  ['pydock compose ls']='--filter --format'
  ['pydock compose port']='--index --protocol'
  ['pydock compose ps']='--filter --format --orphans --status'
  ['pydock compose pull']='--policy'
  ['pydock compose restart']='-t --timeout'
  ['pydock compose run']='--cap-add --cap-drop --entrypoint -e --env --env-from-file -l --label --labels --name -p --publish --pull -u --user -v --volume --volumes -w --workdir'
  ['pydock compose stats']='--format'
  ['pydock compose stop']='-t --timeout'
  ['pydock compose up']='--attach --exit-code-from --no-attach --pull --scale -t --timeout --wait-timeout'
  ['pydock compose version']='-f --format'
  ['pydock compose volumes']='--format'
  ['pydock container attach']='--detach-keys'
  ['pydock container commit']='-a --author -c --change -m --message'
  ['pydock container create']='--add-host --annotation -a --attach --blkio-weight --blkio-weight-device --cap-add --cap-drop --cgroup-parent --cgroupns --cidfile --cpu-period --cpu-quota --cpu-rt-period --cpu-rt-runtime -c --cpu-shares --cpus --cpuset-cpus --cpuset-mems --device --device-cgroup-rule --device-read-bps --device-read-iops --device-write-bps --device-write-iops --dns --dns-option --dns-opt --dns-search --domainname --entrypoint -e --env --env-file --expose --gpus --group-add --health-cmd --health-interval --health-retries --health-start-interval --health-start-period --health-timeout -h --hostname --ip --ip6 --ipc --isolation --kernel-memory -l --label --label-file --link --link-local-ip --log-driver --log-opt --mac-address -m --memory --memory-reservation --memory-swap --memory-swappiness --mount --name --network --net --network-alias --net-alias --oom-score-adj --pid --pids-limit --platform -p --publish --pull --restart --runtime --security-opt --shm-size --stop-signal --stop-timeout --storage-opt --sysctl --tmpfs --ulimit -u --user --userns --uts -v --volume --volume-driver --volumes-from -w --workdir'
  ['pydock container exec']='--detach-keys -e --env --env-file -u --user -w --workdir'
  ['pydock container export']='-o --output'
  ['pydock container inspect']='-f --format'
  ['pydock container kill']='-s --signal'
  ['pydock container logs']='--since -n --tail --until'
  ['pydock container ls']='-f --filter --format -n --last'
  ['pydock container prune']='--filter'
  ['pydock container restart']='-s --signal -t --timeout'
  ['pydock container run']='--add-host --annotation -a --attach --blkio-weight --blkio-weight-device --cap-add --cap-drop --cgroup-parent --cgroupns --cidfile --cpu-period --cpu-quota --cpu-rt-period --cpu-rt-runtime -c --cpu-shares --cpus --cpuset-cpus --cpuset-mems --detach-keys --device --device-cgroup-rule --device-read-bps --device-read-iops --device-write-bps --device-write-iops --dns --dns-option --dns-opt --dns-search --domainname --entrypoint -e --env --env-file --expose --gpus --group-add --health-cmd --health-interval --health-retries --health-start-interval --health-start-period --health-timeout -h --hostname --ip --ip6 --ipc --isolation --kernel-memory -l --label --label-file --link --link-local-ip --log-driver --log-opt --mac-address -m --memory --memory-reservation --memory-swap --memory-swappiness --mount --name --network --net --network-alias --net-alias --oom-score-adj --pid --pids-limit --platform -p --publish --pull --restart --runtime --security-opt --shm-size --stop-signal --stop-timeout --storage-opt --sysctl --tmpfs --ulimit -u --user --userns --uts -v --volume --volume-driver --volumes-from -w --workdir'
  ['pydock container start']='--detach-keys'
  ['pydock container stats']='--count -f --filter --format --interval --sort'
  ['pydock container stop']='-s --signal -t --timeout'
  ['pydock container update']='--blkio-weight --cpu-period --cpu-quota --cpu-rt-period --cpu-rt-runtime -c --cpu-shares --cpus --cpuset-cpus --cpuset-mems -m --memory --memory-reservation --memory-swap --pids-limit --restart'
  ['pydock context create']='--description --docker --from'
  ['pydock context inspect']='-f --format'
  ['pydock context ls']='--format'
  ['pydock context update']='--description --docker'
  ['pydock create']='--add-host --annotation -a --attach --blkio-weight --blkio-weight-device --cap-add --cap-drop --cgroup-parent --cgroupns --cidfile --cpu-period --cpu-quota --cpu-rt-period --cpu-rt-runtime -c --cpu-shares --cpus --cpuset-cpus --cpuset-mems --device --device-cgroup-rule --device-read-bps --device-read-iops --device-write-bps --device-write-iops --dns --dns-option --dns-opt --dns-search --domainname --entrypoint -e --env --env-file --expose --gpus --group-add --health-cmd --health-interval --health-retries --health-start-interval --health-start-period --health-timeout -h --hostname --ip --ip6 --ipc --isolation --kernel-memory -l --label --label-file --link --link-local-ip --log-driver --log-opt --mac-address -m --memory --memory-reservation --memory-swap --memory-swappiness --mount --name --network --net --network-alias --net-alias --oom-score-adj --pid --pids-limit --platform -p --publish --pull --restart --runtime --security-opt --shm-size --stop-signal --stop-timeout --storage-opt --sysctl --tmpfs --ulimit -u --user --userns --uts -v --volume --volume-driver --volumes-from -w --workdir'
  ['pydock events']='-f --filter --format --since --until'
  ['pydock exec']='--detach-keys -e --env --env-file -u --user -w --workdir'
  ['pydock export']='-o --output'
  ['pydock history']='--format'
  ['pydock image build']='--add-host --build-arg --cache-from --cgroup-parent --cpu-period --cpu-quota -c --cpu-shares --cpuset-cpus --cpuset-mems -f --file --iidfile --isolation --label -m --memory --memory-swap --network --platform --security-opt --shm-size -t --tag --target --ulimit'
  ['pydock image history']='--format'
  ['pydock image import']='-c --change -m --message --platform'
  ['pydock image inspect']='-f --format'
  ['pydock image load']='-i --input'
  ['pydock image ls']='-f --filter --format'
  ['pydock image prune']='--filter'
  ['pydock image pull']='--platform'
  ['pydock image save']='-o --output'
  ['pydock images']='-f --filter --format'
  ['pydock import']='-c --change -m --message --platform'
  ['pydock info']='-f --format'
  ['pydock inspect']='-f --format --type'
  ['pydock kill']='-s --signal'
  ['pydock load']='-i --input'
  ['pydock login']='-p --password -u --username'
  ['pydock logs']='--since -n --tail --until'
  ['pydock manifest annotate']='--arch --os --os-features --os-version --variant'
  ['pydock network connect']='--alias --driver-opt --gw-priority --ip --ip6 --link --link-local-ip'
  ['pydock network create']='--aux-address --config-from -d --driver --gateway --ip-range --ipam-driver --ipam-opt --label -o --opt --scope --subnet'
  ['pydock network inspect']='-f --format'
  ['pydock network ls']='-f --filter --format'
  ['pydock network prune']='--filter'
  ['pydock plugin enable']='--timeout'
  ['pydock plugin inspect']='-f --format'
  ['pydock plugin install']='--alias'
  ['pydock plugin ls']='-f --filter --format'
  ['pydock ps']='-f --filter --format -n --last'
  ['pydock pull']='--platform'
  ['pydock restart']='-s --signal -t --timeout'
  ['pydock run']='--add-host --annotation -a --attach --blkio-weight --blkio-weight-device --cap-add --cap-drop --cgroup-parent --cgroupns --cidfile --cpu-period --cpu-quota --cpu-rt-period --cpu-rt-runtime -c --cpu-shares --cpus --cpuset-cpus --cpuset-mems --detach-keys --device --device-cgroup-rule --device-read-bps --device-read-iops --device-write-bps --device-write-iops --dns --dns-option --dns-opt --dns-search --domainname --entrypoint -e --env --env-file --expose --gpus --group-add --health-cmd --health-interval --health-retries --health-start-interval --health-start-period --health-timeout -h --hostname --ip --ip6 --ipc --isolation --kernel-memory -l --label --label-file --link --link-local-ip --log-driver --log-opt --mac-address -m --memory --memory-reservation --memory-swap --memory-swappiness --mount --name --network --net --network-alias --net-alias --oom-score-adj --pid --pids-limit --platform -p --publish --pull --restart --runtime --security-opt --shm-size --stop-signal --stop-timeout --storage-opt --sysctl --tmpfs --ulimit -u --user --userns --uts -v --volume --volume-driver --volumes-from -w --workdir'
  ['pydock save']='-o --output'
  ['pydock search']='-f --filter --format --limit'
  ['pydock start']='--detach-keys'
  ['pydock stats']='--count -f --filter --format --interval --sort'
  ['pydock stop']='-s --signal -t --timeout'
  ['pydock system df']='--format'
  ['pydock system events']='-f --filter --format --since --until'
  ['pydock system info']='-f --format'
  ['pydock system prune']='--filter'
  ['pydock update']='--blkio-weight --cpu-period --cpu-quota --cpu-rt-period --cpu-rt-runtime -c --cpu-shares --cpus --cpuset-cpus --cpuset-mems -m --memory --memory-reservation --memory-swap --pids-limit --restart'
  ['pydock version']='-f --format'
  ['pydock volume create']='-d --driver --label -o --opt'
  ['pydock volume inspect']='-f --format'
  ['pydock volume ls']='-f --filter --format'
  ['pydock volume prune']='--filter'
)
declare -gA _pydock_values=(
  ['pydock --log-level']='debug info warn error fatal'
  ['pydock -l']='debug info warn error fatal'
  ['pydock attach --detach-keys']='ctrl-'
  ['pydock build --platform']='linux/386 linux/amd64 linux/arm linux/arm/v5 linux/arm/v6 linux/arm/v7 linux/arm64 linux/arm64/v8 linux/ppc64le linux/s390x linux/riscv64 windows/amd64 wasip1/wasm'
  ['pydock builder build --platform']='linux/386 linux/amd64 linux/arm linux/arm/v5 linux/arm/v6 linux/arm/v7 linux/arm64 linux/arm64/v8 linux/ppc64le linux/s390x linux/riscv64 windows/amd64 wasip1/wasm'
  ['pydock compose --ansi']='never always auto'
  ['pydock compose --progress']='auto tty plain json quiet'
  ['pydock compose attach --detach-keys']='ctrl-'
  ['pydock compose create --pull']='always missing never build'
  ['pydock compose down --rmi']='local all'
  ['pydock compose kill --signal']='ABRT ALRM BUS CHLD CLD CONT FPE HUP ILL INT IO IOT KILL PIPE POLL PROF PWR QUIT RTMAX RTMAX-1 RTMAX-10 RTMAX-11 RTMAX-12 RTMAX-13 RTMAX-14 RTMAX-2 RTMAX-3 RTMAX-4 RTMAX-5 RTMAX-6 RTMAX-7 RTMAX-8 RTMAX-9 RTMIN RTMIN+1 RTMIN+10 RTMIN+11 RTMIN+12 RTMIN+13 RTMIN+14 RTMIN+15 RTMIN+2 RTMIN+3 RTMIN+4 RTMIN+5 RTMIN+6 RTMIN+7 RTMIN+8 RTMIN+9 SEGV STKFLT STOP SYS TERM TRAP TSTP TTIN TTOU URG USR1 USR2 VTALRM WINCH XCPU XFSZ'
  ['pydock compose kill -s']='ABRT ALRM BUS CHLD CLD CONT FPE HUP ILL INT IO IOT KILL PIPE POLL PROF PWR QUIT RTMAX RTMAX-1 RTMAX-10 RTMAX-11 RTMAX-12 RTMAX-13 RTMAX-14 RTMAX-2 RTMAX-3 RTMAX-4 RTMAX-5 RTMAX-6 RTMAX-7 RTMAX-8 RTMAX-9 RTMIN RTMIN+1 RTMIN+10 RTMIN+11 RTMIN+12 RTMIN+13 RTMIN+14 RTMIN+15 RTMIN+2 RTMIN+3 RTMIN+4 RTMIN+5 RTMIN+6 RTMIN+7 RTMIN+8 RTMIN+9 SEGV STKFLT STOP SYS TERM TRAP TSTP TTIN TTOU URG USR1 USR2 VTALRM WINCH XCPU XFSZ'
  ['pydock compose run --cap-add']='ALL CAP_CHOWN CAP_DAC_OVERRIDE CAP_DAC_READ_SEARCH CAP_FOWNER CAP_FSETID CAP_KILL CAP_SETGID CAP_SETUID CAP_SETPCAP CAP_LINUX_IMMUTABLE CAP_NET_BIND_SERVICE CAP_NET_BROADCAST CAP_NET_ADMIN CAP_NET_RAW CAP_IPC_LOCK CAP_IPC_OWNER CAP_SYS_MODULE CAP_SYS_RAWIO CAP_SYS_CHROOT CAP_SYS_PTRACE CAP_SYS_PACCT CAP_SYS_ADMIN CAP_SYS_BOOT CAP_SYS_NICE CAP_SYS_RESOURCE CAP_SYS_TIME CAP_SYS_TTY_CONFIG CAP_MKNOD CAP_LEASE CAP_AUDIT_WRITE CAP_AUDIT_CONTROL CAP_SETFCAP CAP_MAC_OVERRIDE CAP_MAC_ADMIN CAP_SYSLOG CAP_WAKE_ALARM CAP_BLOCK_SUSPEND CAP_AUDIT_READ CAP_PERFMON CAP_BPF CAP_CHECKPOINT_RESTORE'
  ['pydock compose run --cap-drop']='ALL CAP_CHOWN CAP_DAC_OVERRIDE CAP_DAC_READ_SEARCH CAP_FOWNER CAP_FSETID CAP_KILL CAP_SETGID CAP_SETUID CAP_SETPCAP CAP_LINUX_IMMUTABLE CAP_NET_BIND_SERVICE CAP_NET_BROADCAST CAP_NET_ADMIN CAP_NET_RAW CAP_IPC_LOCK CAP_IPC_OWNER CAP_SYS_MODULE CAP_SYS_RAWIO CAP_SYS_CHROOT CAP_SYS_PTRACE CAP_SYS_PACCT CAP_SYS_ADMIN CAP_SYS_BOOT CAP_SYS_NICE CAP_SYS_RESOURCE CAP_SYS_TIME CAP_SYS_TTY_CONFIG CAP_MKNOD CAP_LEASE CAP_AUDIT_WRITE CAP_AUDIT_CONTROL CAP_SETFCAP CAP_MAC_OVERRIDE CAP_MAC_ADMIN CAP_SYSLOG CAP_WAKE_ALARM CAP_BLOCK_SUSPEND CAP_AUDIT_READ CAP_PERFMON CAP_BPF CAP_CHECKPOINT_RESTORE'
  ['pydock compose run --pull']='always missing never build'
  ['pydock compose up --pull']='always missing never build'
  ['pydock container attach --detach-keys']='ctrl-'
  ['pydock container create --cap-add']='ALL CAP_CHOWN CAP_DAC_OVERRIDE CAP_DAC_READ_SEARCH CAP_FOWNER CAP_FSETID CAP_KILL CAP_SETGID CAP_SETUID CAP_SETPCAP CAP_LINUX_IMMUTABLE CAP_NET_BIND_SERVICE CAP_NET_BROADCAST CAP_NET_ADMIN CAP_NET_RAW CAP_IPC_LOCK CAP_IPC_OWNER CAP_SYS_MODULE CAP_SYS_RAWIO CAP_SYS_CHROOT CAP_SYS_PTRACE CAP_SYS_PACCT CAP_SYS_ADMIN CAP_SYS_BOOT CAP_SYS_NICE CAP_SYS_RESOURCE CAP_SYS_TIME CAP_SYS_TTY_CONFIG CAP_MKNOD CAP_LEASE CAP_AUDIT_WRITE CAP_AUDIT_CONTROL CAP_SETFCAP CAP_MAC_OVERRIDE CAP_MAC_ADMIN CAP_SYSLOG CAP_WAKE_ALARM CAP_BLOCK_SUSPEND CAP_AUDIT_READ CAP_PERFMON CAP_BPF CAP_CHECKPOINT_RESTORE'
  ['pydock container create --cap-drop']='ALL CAP_CHOWN CAP_DAC_OVERRIDE CAP_DAC_READ_SEARCH CAP_FOWNER CAP_FSETID CAP_KILL CAP_SETGID CAP_SETUID CAP_SETPCAP CAP_LINUX_IMMUTABLE CAP_NET_BIND_SERVICE CAP_NET_BROADCAST CAP_NET_ADMIN CAP_NET_RAW CAP_IPC_LOCK CAP_IPC_OWNER CAP_SYS_MODULE CAP_SYS_RAWIO CAP_SYS_CHROOT CAP_SYS_PTRACE CAP_SYS_PACCT CAP_SYS_ADMIN CAP_SYS_BOOT CAP_SYS_NICE CAP_SYS_RESOURCE CAP_SYS_TIME CAP_SYS_TTY_CONFIG CAP_MKNOD CAP_LEASE CAP_AUDIT_WRITE CAP_AUDIT_CONTROL CAP_SETFCAP CAP_MAC_OVERRIDE CAP_MAC_ADMIN CAP_SYSLOG CAP_WAKE_ALARM CAP_BLOCK_SUSPEND CAP_AUDIT_READ CAP_PERFMON CAP_BPF CAP_CHECKPOINT_RESTORE'
  ['pydock container create --ipc']='container: host none private shareable'
  ['pydock container create --log-driver']='awslogs fluentd journald json-file local none syslog gcplogs gelf splunk'
  ['pydock container create --pid']='container: host'
  ['pydock container create --platform']='linux/386 linux/amd64 linux/arm linux/arm/v5 linux/arm/v6 linux/arm/v7 linux/arm64 linux/arm64/v8 linux/ppc64le linux/s390x linux/riscv64 windows/amd64 wasip1/wasm'
  ['pydock container create --pull']='always missing never'
  ['pydock container create --restart']='no always on-failure unless-stopped'
  ['pydock container create --stop-signal']='ABRT ALRM BUS CHLD CLD CONT FPE HUP ILL INT IO IOT KILL PIPE POLL PROF PWR QUIT RTMAX RTMAX-1 RTMAX-10 RTMAX-11 RTMAX-12 RTMAX-13 RTMAX-14 RTMAX-2 RTMAX-3 RTMAX-4 RTMAX-5 RTMAX-6 RTMAX-7 RTMAX-8 RTMAX-9 RTMIN RTMIN+1 RTMIN+10 RTMIN+11 RTMIN+12 RTMIN+13 RTMIN+14 RTMIN+15 RTMIN+2 RTMIN+3 RTMIN+4 RTMIN+5 RTMIN+6 RTMIN+7 RTMIN+8 RTMIN+9 SEGV STKFLT STOP SYS TERM TRAP TSTP TTIN TTOU URG USR1 USR2 VTALRM WINCH XCPU XFSZ'
  ['pydock container create --userns']='host'
  ['pydock container exec --detach-keys']='ctrl-'
  ['pydock container kill --signal']='ABRT ALRM BUS CHLD CLD CONT FPE HUP ILL INT IO IOT KILL PIPE POLL PROF PWR QUIT RTMAX RTMAX-1 RTMAX-10 RTMAX-11 RTMAX-12 RTMAX-13 RTMAX-14 RTMAX-2 RTMAX-3 RTMAX-4 RTMAX-5 RTMAX-6 RTMAX-7 RTMAX-8 RTMAX-9 RTMIN RTMIN+1 RTMIN+10 RTMIN+11 RTMIN+12 RTMIN+13 RTMIN+14 RTMIN+15 RTMIN+2 RTMIN+3 RTMIN+4 RTMIN+5 RTMIN+6 RTMIN+7 RTMIN+8 RTMIN+9 SEGV STKFLT STOP SYS TERM TRAP TSTP TTIN TTOU URG USR1 USR2 VTALRM WINCH XCPU XFSZ'
  ['pydock container kill -s']='ABRT ALRM BUS CHLD CLD CONT FPE HUP ILL INT IO IOT KILL PIPE POLL PROF PWR QUIT RTMAX RTMAX-1 RTMAX-10 RTMAX-11 RTMAX-12 RTMAX-13 RTMAX-14 RTMAX-2 RTMAX-3 RTMAX-4 RTMAX-5 RTMAX-6 RTMAX-7 RTMAX-8 RTMAX-9 RTMIN RTMIN+1 RTMIN+10 RTMIN+11 RTMIN+12 RTMIN+13 RTMIN+14 RTMIN+15 RTMIN+2 RTMIN+3 RTMIN+4 RTMIN+5 RTMIN+6 RTMIN+7 RTMIN+8 RTMIN+9 SEGV STKFLT STOP SYS TERM TRAP TSTP TTIN TTOU URG USR1 USR2 VTALRM WINCH XCPU XFSZ'
  ['pydock container ls --filter']='ancestor= before= exited= expose= health= id= is-task= isolation= label= name= network= publish= since= status= volume='
  ['pydock container ls --filter health=']='starting healthy unhealthy none'
  ['pydock container ls --filter is-task=']='true false'
  ['pydock container ls --filter status=']='created restarting running removing paused exited dead'
  ['pydock container ls -f']='ancestor= before= exited= expose= health= id= is-task= isolation= label= name= network= publish= since= status= volume='
  ['pydock container ls -f health=']='starting healthy unhealthy none'
  ['pydock container ls -f is-task=']='true false'
  ['pydock container ls -f status=']='created restarting running removing paused exited dead'
  ['pydock container restart --signal']='ABRT ALRM BUS CHLD CLD CONT FPE HUP ILL INT IO IOT KILL PIPE POLL PROF PWR QUIT RTMAX RTMAX-1 RTMAX-10 RTMAX-11 RTMAX-12 RTMAX-13 RTMAX-14 RTMAX-2 RTMAX-3 RTMAX-4 RTMAX-5 RTMAX-6 RTMAX-7 RTMAX-8 RTMAX-9 RTMIN RTMIN+1 RTMIN+10 RTMIN+11 RTMIN+12 RTMIN+13 RTMIN+14 RTMIN+15 RTMIN+2 RTMIN+3 RTMIN+4 RTMIN+5 RTMIN+6 RTMIN+7 RTMIN+8 RTMIN+9 SEGV STKFLT STOP SYS TERM TRAP TSTP TTIN TTOU URG USR1 USR2 VTALRM WINCH XCPU XFSZ'
  ['pydock container restart -s']='ABRT ALRM BUS CHLD CLD CONT FPE HUP ILL INT IO IOT KILL PIPE POLL PROF PWR QUIT RTMAX RTMAX-1 RTMAX-10 RTMAX-11 RTMAX-12 RTMAX-13 RTMAX-14 RTMAX-2 RTMAX-3 RTMAX-4 RTMAX-5 RTMAX-6 RTMAX-7 RTMAX-8 RTMAX-9 RTMIN RTMIN+1 RTMIN+10 RTMIN+11 RTMIN+12 RTMIN+13 RTMIN+14 RTMIN+15 RTMIN+2 RTMIN+3 RTMIN+4 RTMIN+5 RTMIN+6 RTMIN+7 RTMIN+8 RTMIN+9 SEGV STKFLT STOP SYS TERM TRAP TSTP TTIN TTOU URG USR1 USR2 VTALRM WINCH XCPU XFSZ'
  ['pydock container run --cap-add']='ALL CAP_CHOWN CAP_DAC_OVERRIDE CAP_DAC_READ_SEARCH CAP_FOWNER CAP_FSETID CAP_KILL CAP_SETGID CAP_SETUID CAP_SETPCAP CAP_LINUX_IMMUTABLE CAP_NET_BIND_SERVICE CAP_NET_BROADCAST CAP_NET_ADMIN CAP_NET_RAW CAP_IPC_LOCK CAP_IPC_OWNER CAP_SYS_MODULE CAP_SYS_RAWIO CAP_SYS_CHROOT CAP_SYS_PTRACE CAP_SYS_PACCT CAP_SYS_ADMIN CAP_SYS_BOOT CAP_SYS_NICE CAP_SYS_RESOURCE CAP_SYS_TIME CAP_SYS_TTY_CONFIG CAP_MKNOD CAP_LEASE CAP_AUDIT_WRITE CAP_AUDIT_CONTROL CAP_SETFCAP CAP_MAC_OVERRIDE CAP_MAC_ADMIN CAP_SYSLOG CAP_WAKE_ALARM CAP_BLOCK_SUSPEND CAP_AUDIT_READ CAP_PERFMON CAP_BPF CAP_CHECKPOINT_RESTORE'
  ['pydock container run --cap-drop']='ALL CAP_CHOWN CAP_DAC_OVERRIDE CAP_DAC_READ_SEARCH CAP_FOWNER CAP_FSETID CAP_KILL CAP_SETGID CAP_SETUID CAP_SETPCAP CAP_LINUX_IMMUTABLE CAP_NET_BIND_SERVICE CAP_NET_BROADCAST CAP_NET_ADMIN CAP_NET_RAW CAP_IPC_LOCK CAP_IPC_OWNER CAP_SYS_MODULE CAP_SYS_RAWIO CAP_SYS_CHROOT CAP_SYS_PTRACE CAP_SYS_PACCT CAP_SYS_ADMIN CAP_SYS_BOOT CAP_SYS_NICE CAP_SYS_RESOURCE CAP_SYS_TIME CAP_SYS_TTY_CONFIG CAP_MKNOD CAP_LEASE CAP_AUDIT_WRITE CAP_AUDIT_CONTROL CAP_SETFCAP CAP_MAC_OVERRIDE CAP_MAC_ADMIN CAP_SYSLOG CAP_WAKE_ALARM CAP_BLOCK_SUSPEND CAP_AUDIT_READ CAP_PERFMON CAP_BPF CAP_CHECKPOINT_RESTORE'
  ['pydock container run --detach-keys']='ctrl-'
  ['pydock container run --ipc']='container: host none private shareable'
  ['pydock container run --log-driver']='awslogs fluentd journald json-file local none syslog gcplogs gelf splunk'
  ['pydock container run --pid']='container: host'
  ['pydock container run --platform']='linux/386 linux/amd64 linux/arm linux/arm/v5 linux/arm/v6 linux/arm/v7 linux/arm64 linux/arm64/v8 linux/ppc64le linux/s390x linux/riscv64 windows/amd64 wasip1/wasm'
  ['pydock container run --pull']='always missing never'
  ['pydock container run --restart']='no always on-failure unless-stopped'
  ['pydock container run --stop-signal']='ABRT ALRM BUS CHLD CLD CONT FPE HUP ILL INT IO IOT KILL PIPE POLL PROF PWR QUIT RTMAX RTMAX-1 RTMAX-10 RTMAX-11 RTMAX-12 RTMAX-13 RTMAX-14 RTMAX-2 RTMAX-3 RTMAX-4 RTMAX-5 RTMAX-6 RTMAX-7 RTMAX-8 RTMAX-9 RTMIN RTMIN+1 RTMIN+10 RTMIN+11 RTMIN+12 RTMIN+13 RTMIN+14 RTMIN+15 RTMIN+2 RTMIN+3 RTMIN+4 RTMIN+5 RTMIN+6 RTMIN+7 RTMIN+8 RTMIN+9 SEGV STKFLT STOP SYS TERM TRAP TSTP TTIN TTOU URG USR1 USR2 VTALRM WINCH XCPU XFSZ'
  ['pydock container run --userns']='host'
  ['pydock container start --detach-keys']='ctrl-'
  ['pydock container stats --filter']='ancestor= before= exited= expose= health= id= is-task= isolation= label= name= network= publish= since= status= volume='
  ['pydock container stats --filter health=']='starting healthy unhealthy none'
  ['pydock container stats --filter is-task=']='true false'
  ['pydock container stats --filter status=']='created restarting running removing paused exited dead'
  ['pydock container stats --sort']='cpu mem net io pids name'
  ['pydock container stats -f']='ancestor= before= exited= expose= health= id= is-task= isolation= label= name= network= publish= since= status= volume='
  ['pydock container stats -f health=']='starting healthy unhealthy none'
  ['pydock container stats -f is-task=']='true false'
  ['pydock container stats -f status=']='created restarting running removing paused exited dead'
  ['pydock container stop --signal']='ABRT ALRM BUS CHLD CLD CONT FPE HUP ILL INT IO IOT KILL PIPE POLL PROF PWR QUIT RTMAX RTMAX-1 RTMAX-10 RTMAX-11 RTMAX-12 RTMAX-13 RTMAX-14 RTMAX-2 RTMAX-3 RTMAX-4 RTMAX-5 RTMAX-6 RTMAX-7 RTMAX-8 RTMAX-9 RTMIN RTMIN+1 RTMIN+10 RTMIN+11 RTMIN+12 RTMIN+13 RTMIN+14 RTMIN+15 RTMIN+2 RTMIN+3 RTMIN+4 RTMIN+5 RTMIN+6 RTMIN+7 RTMIN+8 RTMIN+9 SEGV STKFLT STOP SYS TERM TRAP TSTP TTIN TTOU URG USR1 USR2 VTALRM WINCH XCPU XFSZ'
  ['pydock container stop -s']='ABRT ALRM BUS CHLD CLD CONT FPE HUP ILL INT IO IOT KILL PIPE POLL PROF PWR QUIT RTMAX RTMAX-1 RTMAX-10 RTMAX-11 RTMAX-12 RTMAX-13 RTMAX-14 RTMAX-2 RTMAX-3 RTMAX-4 RTMAX-5 RTMAX-6 RTMAX-7 RTMAX-8 RTMAX-9 RTMIN RTMIN+1 RTMIN+10 RTMIN+11 RTMIN+12 RTMIN+13 RTMIN+14 RTMIN+15 RTMIN+2 RTMIN+3 RTMIN+4 RTMIN+5 RTMIN+6 RTMIN+7 RTMIN+8 RTMIN+9 SEGV STKFLT STOP SYS TERM TRAP TSTP TTIN TTOU URG USR1 USR2 VTALRM WINCH XCPU XFSZ'
  ['pydock container update --restart']='no always on-failure unless-stopped'
  ['pydock create --cap-add']='ALL CAP_CHOWN CAP_DAC_OVERRIDE CAP_DAC_READ_SEARCH CAP_FOWNER CAP_FSETID CAP_KILL CAP_SETGID CAP_SETUID CAP_SETPCAP CAP_LINUX_IMMUTABLE CAP_NET_BIND_SERVICE CAP_NET_BROADCAST CAP_NET_ADMIN CAP_NET_RAW CAP_IPC_LOCK CAP_IPC_OWNER CAP_SYS_MODULE CAP_SYS_RAWIO CAP_SYS_CHROOT CAP_SYS_PTRACE CAP_SYS_PACCT CAP_SYS_ADMIN CAP_SYS_BOOT CAP_SYS_NICE CAP_SYS_RESOURCE CAP_SYS_TIME CAP_SYS_TTY_CONFIG CAP_MKNOD CAP_LEASE CAP_AUDIT_WRITE CAP_AUDIT_CONTROL CAP_SETFCAP CAP_MAC_OVERRIDE CAP_MAC_ADMIN CAP_SYSLOG CAP_WAKE_ALARM CAP_BLOCK_SUSPEND CAP_AUDIT_READ CAP_PERFMON CAP_BPF CAP_CHECKPOINT_RESTORE'
  ['pydock create --cap-drop']='ALL CAP_CHOWN CAP_DAC_OVERRIDE CAP_DAC_READ_SEARCH CAP_FOWNER CAP_FSETID CAP_KILL CAP_SETGID CAP_SETUID CAP_SETPCAP CAP_LINUX_IMMUTABLE CAP_NET_BIND_SERVICE CAP_NET_BROADCAST CAP_NET_ADMIN CAP_NET_RAW CAP_IPC_LOCK CAP_IPC_OWNER CAP_SYS_MODULE CAP_SYS_RAWIO CAP_SYS_CHROOT CAP_SYS_PTRACE CAP_SYS_PACCT CAP_SYS_ADMIN CAP_SYS_BOOT CAP_SYS_NICE CAP_SYS_RESOURCE CAP_SYS_TIME CAP_SYS_TTY_CONFIG CAP_MKNOD CAP_LEASE CAP_AUDIT_WRITE CAP_AUDIT_CONTROL CAP_SETFCAP CAP_MAC_OVERRIDE CAP_MAC_ADMIN CAP_SYSLOG CAP_WAKE_ALARM CAP_BLOCK_SUSPEND CAP_AUDIT_READ CAP_PERFMON CAP_BPF CAP_CHECKPOINT_RESTORE'
  ['pydock create --ipc']='container: host none private shareable'
  ['pydock create --log-driver']='awslogs fluentd journald json-file local none syslog gcplogs gelf splunk'
  ['pydock create --pid']='container: host'
  ['pydock create --platform']='linux/386 linux/amd64 linux/arm linux/arm/v5 linux/arm/v6 linux/arm/v7 linux/arm64 linux/arm64/v8 linux/ppc64le linux/s390x linux/riscv64 windows/amd64 wasip1/wasm'
  ['pydock create --pull']='always missing never'
  ['pydock create --restart']='no always on-failure unless-stopped'
  ['pydock create --stop-signal']='ABRT ALRM BUS CHLD CLD CONT FPE HUP ILL INT IO IOT KILL PIPE POLL PROF PWR QUIT RTMAX RTMAX-1 RTMAX-10 RTMAX-11 RTMAX-12 RTMAX-13 RTMAX-14 RTMAX-2 RTMAX-3 RTMAX-4 RTMAX-5 RTMAX-6 RTMAX-7 RTMAX-8 RTMAX-9 RTMIN RTMIN+1 RTMIN+10 RTMIN+11 RTMIN+12 RTMIN+13 RTMIN+14 RTMIN+15 RTMIN+2 RTMIN+3 RTMIN+4 RTMIN+5 RTMIN+6 RTMIN+7 RTMIN+8 RTMIN+9 SEGV STKFLT STOP SYS TERM TRAP TSTP TTIN TTOU URG USR1 USR2 VTALRM WINCH XCPU XFSZ'
  ['pydock create --userns']='host'
  ['pydock events --filter']='config= container= daemon= event= image= label= network= node= plugin= scope= secret= service= type= volume='
  ['pydock events --filter scope=']='swarm local'
  ['pydock events --filter type=']='builder config container daemon image network node plugin secret service volume'
  ['pydock events -f']='config= container= daemon= event= image= label= network= node= plugin= scope= secret= service= type= volume='
  ['pydock events -f scope=']='swarm local'
  ['pydock events -f type=']='builder config container daemon image network node plugin secret service volume'
  ['pydock exec --detach-keys']='ctrl-'
  ['pydock image build --platform']='linux/386 linux/amd64 linux/arm linux/arm/v5 linux/arm/v6 linux/arm/v7 linux/arm64 linux/arm64/v8 linux/ppc64le linux/s390x linux/riscv64 windows/amd64 wasip1/wasm'
  ['pydock image import --platform']='linux/386 linux/amd64 linux/arm linux/arm/v5 linux/arm/v6 linux/arm/v7 linux/arm64 linux/arm64/v8 linux/ppc64le linux/s390x linux/riscv64 windows/amd64 wasip1/wasm'
  ['pydock image ls --filter']='before= dangling= label= reference= since= until='
  ['pydock image ls --filter dangling=']='true false'
  ['pydock image ls -f']='before= dangling= label= reference= since= until='
  ['pydock image ls -f dangling=']='true false'
  ['pydock image pull --platform']='linux/386 linux/amd64 linux/arm linux/arm/v5 linux/arm/v6 linux/arm/v7 linux/arm64 linux/arm64/v8 linux/ppc64le linux/s390x linux/riscv64 windows/amd64 wasip1/wasm'
  ['pydock images --filter']='before= dangling= label= reference= since= until='
  ['pydock images --filter dangling=']='true false'
  ['pydock images -f']='before= dangling= label= reference= since= until='
  ['pydock images -f dangling=']='true false'
  ['pydock import --platform']='linux/386 linux/amd64 linux/arm linux/arm/v5 linux/arm/v6 linux/arm/v7 linux/arm64 linux/arm64/v8 linux/ppc64le linux/s390x linux/riscv64 windows/amd64 wasip1/wasm'
  ['pydock inspect --type']='config container image network node plugin secret service task volume'
  ['pydock kill --signal']='ABRT ALRM BUS CHLD CLD CONT FPE HUP ILL INT IO IOT KILL PIPE POLL PROF PWR QUIT RTMAX RTMAX-1 RTMAX-10 RTMAX-11 RTMAX-12 RTMAX-13 RTMAX-14 RTMAX-2 RTMAX-3 RTMAX-4 RTMAX-5 RTMAX-6 RTMAX-7 RTMAX-8 RTMAX-9 RTMIN RTMIN+1 RTMIN+10 RTMIN+11 RTMIN+12 RTMIN+13 RTMIN+14 RTMIN+15 RTMIN+2 RTMIN+3 RTMIN+4 RTMIN+5 RTMIN+6 RTMIN+7 RTMIN+8 RTMIN+9 SEGV STKFLT STOP SYS TERM TRAP TSTP TTIN TTOU URG USR1 USR2 VTALRM WINCH XCPU XFSZ'
  ['pydock kill -s']='ABRT ALRM BUS CHLD CLD CONT FPE HUP ILL INT IO IOT KILL PIPE POLL PROF PWR QUIT RTMAX RTMAX-1 RTMAX-10 RTMAX-11 RTMAX-12 RTMAX-13 RTMAX-14 RTMAX-2 RTMAX-3 RTMAX-4 RTMAX-5 RTMAX-6 RTMAX-7 RTMAX-8 RTMAX-9 RTMIN RTMIN+1 RTMIN+10 RTMIN+11 RTMIN+12 RTMIN+13 RTMIN+14 RTMIN+15 RTMIN+2 RTMIN+3 RTMIN+4 RTMIN+5 RTMIN+6 RTMIN+7 RTMIN+8 RTMIN+9 SEGV STKFLT STOP SYS TERM TRAP TSTP TTIN TTOU URG USR1 USR2 VTALRM WINCH XCPU XFSZ'
  ['pydock network ls --filter']='driver= id= label= name= scope= type='
  ['pydock network ls --filter scope=']='swarm global local'
  ['pydock network ls --filter type=']='builtin custom'
  ['pydock network ls -f']='driver= id= label= name= scope= type='
  ['pydock network ls -f scope=']='swarm global local'
  ['pydock network ls -f type=']='builtin custom'
  ['pydock ps --filter']='ancestor= before= exited= expose= health= id= is-task= isolation= label= name= network= publish= since= status= volume='
  ['pydock ps --filter health=']='starting healthy unhealthy none'
  ['pydock ps --filter is-task=']='true false'
  ['pydock ps --filter status=']='created restarting running removing paused exited dead'
  ['pydock ps -f']='ancestor= before= exited= expose= health= id= is-task= isolation= label= name= network= publish= since= status= volume='
  ['pydock ps -f health=']='starting healthy unhealthy none'
  ['pydock ps -f is-task=']='true false'
  ['pydock ps -f status=']='created restarting running removing paused exited dead'
  ['pydock pull --platform']='linux/386 linux/amd64 linux/arm linux/arm/v5 linux/arm/v6 linux/arm/v7 linux/arm64 linux/arm64/v8 linux/ppc64le linux/s390x linux/riscv64 windows/amd64 wasip1/wasm'
  ['pydock restart --signal']='ABRT ALRM BUS CHLD CLD CONT FPE HUP ILL INT IO IOT KILL PIPE POLL PROF PWR QUIT RTMAX RTMAX-1 RTMAX-10 RTMAX-11 RTMAX-12 RTMAX-13 RTMAX-14 RTMAX-2 RTMAX-3 RTMAX-4 RTMAX-5 RTMAX-6 RTMAX-7 RTMAX-8 RTMAX-9 RTMIN RTMIN+1 RTMIN+10 RTMIN+11 RTMIN+12 RTMIN+13 RTMIN+14 RTMIN+15 RTMIN+2 RTMIN+3 RTMIN+4 RTMIN+5 RTMIN+6 RTMIN+7 RTMIN+8 RTMIN+9 SEGV STKFLT STOP SYS TERM TRAP TSTP TTIN TTOU URG USR1 USR2 VTALRM WINCH XCPU XFSZ'
  ['pydock restart -s']='ABRT ALRM BUS CHLD CLD CONT FPE HUP ILL INT IO IOT KILL PIPE POLL PROF PWR QUIT RTMAX RTMAX-1 RTMAX-10 RTMAX-11 RTMAX-12 RTMAX-13 RTMAX-14 RTMAX-2 RTMAX-3 RTMAX-4 RTMAX-5 RTMAX-6 RTMAX-7 RTMAX-8 RTMAX-9 RTMIN RTMIN+1 RTMIN+10 RTMIN+11 RTMIN+12 RTMIN+13 RTMIN+14 RTMIN+15 RTMIN+2 RTMIN+3 RTMIN+4 RTMIN+5 RTMIN+6 RTMIN+7 RTMIN+8 RTMIN+9 SEGV STKFLT STOP SYS TERM TRAP TSTP TTIN TTOU URG USR1 USR2 VTALRM WINCH XCPU XFSZ'
  ['pydock run --cap-add']='ALL CAP_CHOWN CAP_DAC_OVERRIDE CAP_DAC_READ_SEARCH CAP_FOWNER CAP_FSETID CAP_KILL CAP_SETGID CAP_SETUID CAP_SETPCAP CAP_LINUX_IMMUTABLE CAP_NET_BIND_SERVICE CAP_NET_BROADCAST CAP_NET_ADMIN CAP_NET_RAW CAP_IPC_LOCK CAP_IPC_OWNER CAP_SYS_MODULE CAP_SYS_RAWIO CAP_SYS_CHROOT CAP_SYS_PTRACE CAP_SYS_PACCT CAP_SYS_ADMIN CAP_SYS_BOOT CAP_SYS_NICE CAP_SYS_RESOURCE CAP_SYS_TIME CAP_SYS_TTY_CONFIG CAP_MKNOD CAP_LEASE CAP_AUDIT_WRITE CAP_AUDIT_CONTROL CAP_SETFCAP CAP_MAC_OVERRIDE CAP_MAC_ADMIN CAP_SYSLOG CAP_WAKE_ALARM CAP_BLOCK_SUSPEND CAP_AUDIT_READ CAP_PERFMON CAP_BPF CAP_CHECKPOINT_RESTORE'
  ['pydock run --cap-drop']='ALL CAP_CHOWN CAP_DAC_OVERRIDE CAP_DAC_READ_SEARCH CAP_FOWNER CAP_FSETID CAP_KILL CAP_SETGID CAP_SETUID CAP_SETPCAP CAP_LINUX_IMMUTABLE CAP_NET_BIND_SERVICE CAP_NET_BROADCAST CAP_NET_ADMIN CAP_NET_RAW CAP_IPC_LOCK CAP_IPC_OWNER CAP_SYS_MODULE CAP_SYS_RAWIO CAP_SYS_CHROOT CAP_SYS_PTRACE CAP_SYS_PACCT CAP_SYS_ADMIN CAP_SYS_BOOT CAP_SYS_NICE CAP_SYS_RESOURCE CAP_SYS_TIME CAP_SYS_TTY_CONFIG CAP_MKNOD CAP_LEASE CAP_AUDIT_WRITE CAP_AUDIT_CONTROL CAP_SETFCAP CAP_MAC_OVERRIDE CAP_MAC_ADMIN CAP_SYSLOG CAP_WAKE_ALARM CAP_BLOCK_SUSPEND CAP_AUDIT_READ CAP_PERFMON CAP_BPF CAP_CHECKPOINT_RESTORE'
  ['pydock run --detach-keys']='ctrl-'
  ['pydock run --ipc']='container: host none private shareable'
  ['pydock run --log-driver']='awslogs fluentd journald json-file local none syslog gcplogs gelf splunk'
  ['pydock run --pid']='container: host'
  ['pydock run --platform']='linux/386 linux/amd64 linux/arm linux/arm/v5 linux/arm/v6 linux/arm/v7 linux/arm64 linux/arm64/v8 linux/ppc64le linux/s390x linux/riscv64 windows/amd64 wasip1/wasm'
  ['pydock run --pull']='always missing never'
  ['pydock run --restart']='no always on-failure unless-stopped'
  ['pydock run --stop-signal']='ABRT ALRM BUS CHLD CLD CONT FPE HUP ILL INT IO IOT KILL PIPE POLL PROF PWR QUIT RTMAX RTMAX-1 RTMAX-10 RTMAX-11 RTMAX-12 RTMAX-13 RTMAX-14 RTMAX-2 RTMAX-3 RTMAX-4 RTMAX-5 RTMAX-6 RTMAX-7 RTMAX-8 RTMAX-9 RTMIN RTMIN+1 RTMIN+10 RTMIN+11 RTMIN+12 RTMIN+13 RTMIN+14 RTMIN+15 RTMIN+2 RTMIN+3 RTMIN+4 RTMIN+5 RTMIN+6 RTMIN+7 RTMIN+8 RTMIN+9 SEGV STKFLT STOP SYS TERM TRAP TSTP TTIN TTOU URG USR1 USR2 VTALRM WINCH XCPU XFSZ'
  ['pydock run --userns']='host'
  ['pydock start --detach-keys']='ctrl-'
  ['pydock stats --filter']='ancestor= before= exited= expose= health= id= is-task= isolation= label= name= network= publish= since= status= volume='
  ['pydock stats --filter health=']='starting healthy unhealthy none'
  ['pydock stats --filter is-task=']='true false'
  ['pydock stats --filter status=']='created restarting running removing paused exited dead'
  ['pydock stats --sort']='cpu mem net io pids name'
  ['pydock stats -f']='ancestor= before= exited= expose= health= id= is-task= isolation= label= name= network= publish= since= status= volume='
  ['pydock stats -f health=']='starting healthy unhealthy none'
  ['pydock stats -f is-task=']='true false'
  ['pydock stats -f status=']='created restarting running removing paused exited dead'
  ['pydock stop --signal']='ABRT ALRM BUS CHLD CLD CONT FPE HUP ILL INT IO IOT KILL PIPE POLL PROF PWR QUIT RTMAX RTMAX-1 RTMAX-10 RTMAX-11 RTMAX-12 RTMAX-13 RTMAX-14 RTMAX-2 RTMAX-3 RTMAX-4 RTMAX-5 RTMAX-6 RTMAX-7 RTMAX-8 RTMAX-9 RTMIN RTMIN+1 RTMIN+10 RTMIN+11 RTMIN+12 RTMIN+13 RTMIN+14 RTMIN+15 RTMIN+2 RTMIN+3 RTMIN+4 RTMIN+5 RTMIN+6 RTMIN+7 RTMIN+8 RTMIN+9 SEGV STKFLT STOP SYS TERM TRAP TSTP TTIN TTOU URG USR1 USR2 VTALRM WINCH XCPU XFSZ'
  ['pydock stop -s']='ABRT ALRM BUS CHLD CLD CONT FPE HUP ILL INT IO IOT KILL PIPE POLL PROF PWR QUIT RTMAX RTMAX-1 RTMAX-10 RTMAX-11 RTMAX-12 RTMAX-13 RTMAX-14 RTMAX-2 RTMAX-3 RTMAX-4 RTMAX-5 RTMAX-6 RTMAX-7 RTMAX-8 RTMAX-9 RTMIN RTMIN+1 RTMIN+10 RTMIN+11 RTMIN+12 RTMIN+13 RTMIN+14 RTMIN+15 RTMIN+2 RTMIN+3 RTMIN+4 RTMIN+5 RTMIN+6 RTMIN+7 RTMIN+8 RTMIN+9 SEGV STKFLT STOP SYS TERM TRAP TSTP TTIN TTOU URG USR1 USR2 VTALRM WINCH XCPU XFSZ'
  ['pydock system events --filter']='config= container= daemon= event= image= label= network= node= plugin= scope= secret= service= type= volume='
  ['pydock system events --filter scope=']='swarm local'
  ['pydock system events --filter type=']='builder config container daemon image network node plugin secret service volume'
  ['pydock system events -f']='config= container= daemon= event= image= label= network= node= plugin= scope= secret= service= type= volume='
  ['pydock system events -f scope=']='swarm local'
  ['pydock system events -f type=']='builder config container daemon image network node plugin secret service volume'
  ['pydock update --restart']='no always on-failure unless-stopped'
  ['pydock volume ls --filter']='dangling= driver= label= name='
  ['pydock volume ls --filter dangling=']='true false'
  ['pydock volume ls -f']='dangling= driver= label= name='
  ['pydock volume ls -f dangling=']='true false'
)
declare -gA _pydock_objects=(
  ['pydock --context']='contexts'
  ['pydock -c']='contexts'
  ['pydock attach #']='containers running restarting'
  ['pydock build #']='files'
  ['pydock build --network']='networks'
  ['pydock builder build #']='files'
  ['pydock builder build --network']='networks'
  ['pydock commit #']='containers running paused restarting'
  ['pydock completion #']='values:bash zsh fish'
  ['pydock compose --profile']='profiles'
  ['pydock compose attach #']='services'
  ['pydock compose build #']='services'
  ['pydock compose commit #']='services'
  ['pydock compose config #']='services'
  ['pydock compose cp #']='services'
  ['pydock compose create #']='services'
  ['pydock compose down #']='services'
  ['pydock compose events #']='services'
  ['pydock compose exec #']='services'
  ['pydock compose export #']='services'
  ['pydock compose images #']='services'
  ['pydock compose kill #']='services'
  ['pydock compose logs #']='services'
  ['pydock compose pause #']='services'
  ['pydock compose port #']='services'
  ['pydock compose ps #']='services'
  ['pydock compose pull #']='services'
  ['pydock compose push #']='services'
  ['pydock compose restart #']='services'
  ['pydock compose rm #']='services'
  ['pydock compose run #']='services'
  ['pydock compose scale #']='services'
  ['pydock compose start #']='services'
  ['pydock compose stats #']='services'
  ['pydock compose stop #']='services'
  ['pydock compose top #']='services'
  ['pydock compose unpause #']='services'
  ['pydock compose up #']='services'
  ['pydock compose volumes #']='services'
  ['pydock compose wait #']='services'
  ['pydock compose watch #']='services'
  ['pydock container attach #']='containers running restarting'
  ['pydock container commit #']='containers running paused restarting'
  ['pydock container cp #']='files'
  ['pydock container create #']='images|none'
  ['pydock container create --net']='networks'
  ['pydock container create --network']='networks'
  ['pydock container create --volumes-from']='containers'
  ['pydock container diff #']='containers running paused restarting'
  ['pydock container exec #']='containers running restarting'
  ['pydock container export #']='containers'
  ['pydock container inspect #']='containers'
  ['pydock container kill #']='containers running paused restarting'
  ['pydock container logs #']='containers'
  ['pydock container pause #']='containers running restarting'
  ['pydock container port #']='containers running paused restarting'
  ['pydock container rename #']='containers'
  ['pydock container restart #']='containers'
  ['pydock container rm #']='containers created exited'
  ['pydock container rm # --force']='containers'
  ['pydock container rm # -f']='containers'
  ['pydock container run #']='images|none'
  ['pydock container run --net']='networks'
  ['pydock container run --network']='networks'
  ['pydock container run --volumes-from']='containers'
  ['pydock container start #']='containers created exited'
  ['pydock container stats #']='containers running paused restarting'
  ['pydock container stop #']='containers running paused restarting'
  ['pydock container top #']='containers running paused restarting'
  ['pydock container unpause #']='containers paused'
  ['pydock container update #']='containers'
  ['pydock container wait #']='containers running paused restarting'
  ['pydock context export #']='contexts'
  ['pydock context import #']='files'
  ['pydock context inspect #']='contexts'
  ['pydock context rm #']='contexts'
  ['pydock context update #']='contexts'
  ['pydock context use #']='contexts'
  ['pydock cp #']='files'
  ['pydock create #']='images|none'
  ['pydock create --net']='networks'
  ['pydock create --network']='networks'
  ['pydock create --volumes-from']='containers'
  ['pydock diff #']='containers running paused restarting'
  ['pydock exec #']='containers running restarting'
  ['pydock export #']='containers'
  ['pydock history #']='images'
  ['pydock image build #']='files'
  ['pydock image build --network']='networks'
  ['pydock image history #']='images'
  ['pydock image inspect #']='images'
  ['pydock image ls #']='images'
  ['pydock image rm #']='images'
  ['pydock image save #']='images'
  ['pydock image tag #']='images'
  ['pydock images #']='images'
  ['pydock inspect #']='objects'
  ['pydock kill #']='containers running paused restarting'
  ['pydock logs #']='containers'
  ['pydock network connect #']='networks|containers'
  ['pydock network disconnect #']='networks|containers'
  ['pydock network inspect #']='networks'
  ['pydock network rm #']='networks'
  ['pydock pause #']='containers running restarting'
  ['pydock port #']='containers running paused restarting'
  ['pydock rename #']='containers'
  ['pydock restart #']='containers'
  ['pydock rm #']='containers created exited'
  ['pydock rm # --force']='containers'
  ['pydock rm # -f']='containers'
  ['pydock rmi #']='images'
  ['pydock run #']='images|none'
  ['pydock run --net']='networks'
  ['pydock run --network']='networks'
  ['pydock run --volumes-from']='containers'
  ['pydock save #']='images'
  ['pydock start #']='containers created exited'
  ['pydock stats #']='containers running paused restarting'
  ['pydock stop #']='containers running paused restarting'
  ['pydock tag #']='images'
  ['pydock top #']='containers running paused restarting'
  ['pydock unpause #']='containers paused'
  ['pydock update #']='containers'
  ['pydock volume inspect #']='volumes'
  ['pydock volume rm #']='volumes'
  ['pydock wait #']='containers running paused restarting'
)
declare -gA _pydock_files=(
  ['pydock --config']='1'
  ['pydock --tlscacert']='1'
  ['pydock --tlscert']='1'
  ['pydock --tlskey']='1'
  ['pydock build --file']='1'
  ['pydock build --iidfile']='1'
  ['pydock build -f']='1'
  ['pydock builder build --file']='1'
  ['pydock builder build --iidfile']='1'
  ['pydock builder build -f']='1'
  ['pydock compose --env-file']='1'
  ['pydock compose --file']='1'
  ['pydock compose --project-directory']='1'
  ['pydock compose -f']='1'
  ['pydock compose config --output']='1'
  ['pydock compose config -o']='1'
  ['pydock compose export --output']='1'
  ['pydock compose export -o']='1'
  ['pydock compose run --volume']='1'
  ['pydock compose run --volumes']='1'
  ['pydock compose run -v']='1'
  ['pydock container create --cidfile']='1'
  ['pydock container create --env-file']='1'
  ['pydock container create --label-file']='1'
  ['pydock container create --volume']='1'
  ['pydock container create -v']='1'
  ['pydock container exec --env-file']='1'
  ['pydock container export --output']='1'
  ['pydock container export -o']='1'
  ['pydock container run --cidfile']='1'
  ['pydock container run --env-file']='1'
  ['pydock container run --label-file']='1'
  ['pydock container run --volume']='1'
  ['pydock container run -v']='1'
  ['pydock create --cidfile']='1'
  ['pydock create --env-file']='1'
  ['pydock create --label-file']='1'
  ['pydock create --volume']='1'
  ['pydock create -v']='1'
  ['pydock exec --env-file']='1'
  ['pydock export --output']='1'
  ['pydock export -o']='1'
  ['pydock image build --file']='1'
  ['pydock image build --iidfile']='1'
  ['pydock image build -f']='1'
  ['pydock image load --input']='1'
  ['pydock image load -i']='1'
  ['pydock image save --output']='1'
  ['pydock image save -o']='1'
  ['pydock load --input']='1'
  ['pydock load -i']='1'
  ['pydock run --cidfile']='1'
  ['pydock run --env-file']='1'
  ['pydock run --label-file']='1'
  ['pydock run --volume']='1'
  ['pydock run -v']='1'
  ['pydock save --output']='1'
  ['pydock save -o']='1'
)
declare -gA _pydock_stops=(
  ['pydock commit']='1'
  ['pydock compose commit']='1'
  ['pydock compose exec']='1'
  ['pydock compose run']='1'
  ['pydock container commit']='1'
  ['pydock container create']='1'
  ['pydock container exec']='1'
  ['pydock container run']='1'
  ['pydock container top']='1'
  ['pydock create']='1'
  ['pydock exec']='1'
  ['pydock image tag']='1'
  ['pydock run']='1'
  ['pydock tag']='1'
  ['pydock top']='1'
)

# Names of engine objects of KIND (containers take states), from the daemon the command line names.
_pydock_ask() {
    local env=()
    [[ -n $_pydock_host ]] && env+=(DOCKER_HOST="$_pydock_host")
    [[ -n $_pydock_context ]] && env+=(PYDOCK_COMPLETE_CONTEXT="$_pydock_context")
    [[ -n $_pydock_config ]] && env+=(DOCKER_CONFIG="$_pydock_config")
    [[ -n $_pydock_compose_files ]] && env+=(PYDOCK_COMPLETE_COMPOSE_FILES="$_pydock_compose_files")
    [[ -n $_pydock_project_dir ]] && env+=(PYDOCK_COMPLETE_PROJECT_DIR="$_pydock_project_dir")
    env "${env[@]}" "${_pydock_prog:-pydock}" __complete "$@" 2>/dev/null
}

# the global flags that choose the daemon: -H, --context, --config (as `flag value` or `--flag=value`),
# and compose's -f and --project-directory (which compose file the services are read from)
_pydock_global() {
    case $1 in
        -f | --file) _pydock_compose_files+="$2"$'\n' ;;
        --project-directory) _pydock_project_dir=$2 ;;
        -H | --host) _pydock_host=$2 ;;
        -c | --context) _pydock_context=$2 ;;
        --config) _pydock_config=$2 ;;
    esac
}

_pydock_reply() {
    # $1: the word typed so far (whole, `=` and `:` included); the rest: candidates. Candidates matching
    # the word become COMPREPLY, cut to what bash counts as the current word (it breaks at = and :).
    local word=$1 cand cut=""
    shift
    if [[ $word == *[=:]* && $COMP_WORDBREAKS == *=* ]]; then
        cut=${word%"${word##*[=:]}"}
    fi
    for cand in "$@"; do
        [[ $cand == "$word"* ]] && COMPREPLY+=("${cand#"$cut"}")
    done
}

_pydock_complete_value() {
    # $1 command path, $2 flag, $3 the value typed so far (after any `--flag=`), $4 prefix to put back
    local path=$1 flag=$2 cur=$3 prefix=$4 key="$1 $2" list kind
    if [[ $cur == *=* && -n ${_pydock_values["$key ${cur%%=*}="]+x} ]]; then
        local k=${cur%%=*} v
        list=()
        for v in ${_pydock_values["$key $k="]}; do list+=("$prefix$k=$v"); done
        _pydock_reply "$prefix$cur" "${list[@]}"
    elif [[ -n ${_pydock_values[$key]+x} ]]; then
        list=()
        for v in ${_pydock_values[$key]}; do list+=("$prefix$v"); done
        _pydock_reply "$prefix$cur" "${list[@]}"
        [[ ${#COMPREPLY[@]} -eq 1 && ${COMPREPLY[0]} == *[=:] ]] && compopt -o nospace 2>/dev/null
    elif [[ -n ${_pydock_objects[$key]+x} ]]; then
        kind=${_pydock_objects[$key]}
        mapfile -t list < <(_pydock_ask $kind)
        _pydock_reply "$prefix$cur" "${list[@]/#/$prefix}"
    elif [[ -n ${_pydock_files[$key]+x} ]]; then
        compopt -o filenames 2>/dev/null
        mapfile -t COMPREPLY < <(compgen -f -- "$cur")
    fi
}

# $1: the line up to the cursor. Sets words to its words as the command will receive them (quotes and
# backslashes read as the shell reads them) and _pydock_inword when the cursor is inside the last one.
_pydock_split() {
    local line=$1 i c q="" w="" inword="" bs='\' sq="'" dq='"'
    words=()
    for ((i = 0; i < ${#line}; i++)); do
        c=${line:i:1}
        if [[ $q == "$sq" ]]; then
            if [[ $c == "$sq" ]]; then q=""; else w+=$c; fi
        elif [[ $q == "$dq" ]]; then
            if [[ $c == "$dq" ]]; then
                q=""
            elif [[ $c == "$bs" && ( ${line:i+1:1} == "$dq" || ${line:i+1:1} == "$bs" || ${line:i+1:1} == [\$\`] ) ]]; then
                i=$((i + 1)); w+=${line:i:1}
            else
                w+=$c
            fi
        elif [[ $c == "$sq" || $c == "$dq" ]]; then
            q=$c inword=1
        elif [[ $c == "$bs" ]]; then
            i=$((i + 1)); w+=${line:i:1}; inword=1
        elif [[ $c == [[:space:]] ]]; then
            [[ -n $inword ]] && words+=("$w")
            w="" inword=""
        else
            w+=$c inword=1
        fi
    done
    [[ -n $inword ]] && words+=("$w")
    _pydock_inword=$inword
}

_pydock() {
    COMPREPLY=()
    local line=${COMP_LINE:0:COMP_POINT} words cur _pydock_inword
    _pydock_split "$line"
    if [[ -z $_pydock_inword || ${#words[@]} -le 1 ]]; then cur=""; else cur=${words[-1]}; unset 'words[-1]'; fi
    _pydock_prog=${words[0]:-pydock}
    _pydock_host="" _pydock_context="" _pydock_config="" _pydock_compose_files="" _pydock_project_dir=""
    local path=pydock i word expect="" dashdash="" positional=0 key flagged=""
    for ((i = 1; i < ${#words[@]}; i++)); do
        word=${words[i]}
        if [[ -n $expect ]]; then
            [[ $path == pydock || $path == "pydock compose" ]] && _pydock_global "$expect" "$word"
            expect=""
            continue
        fi
        if [[ -n $dashdash ]]; then positional=$((positional + 1)); continue; fi
        if [[ $word == -- ]]; then dashdash=1; continue; fi
        if [[ $word == -* ]]; then
            if [[ $word == --*=* ]]; then
                [[ $path == pydock || $path == "pydock compose" ]] && _pydock_global "${word%%=*}" "${word#*=}"
            elif [[ " ${_pydock_valued[$path]} " == *" $word "* ]]; then
                expect=$word
            fi
            [[ -n ${_pydock_objects["$path # $word"]+x} ]] && flagged=$word
            continue
        fi
        key="$path $word"
        if [[ $positional -eq 0 && " ${_pydock_subs[$path]} " == *" $word "* ]]; then
            path=${_pydock_alias[$key]:-$key}
            continue
        fi
        positional=$((positional + 1))
        [[ -n ${_pydock_stops[$path]+x} ]] && dashdash=1
    done
    if [[ -n $expect ]]; then
        _pydock_complete_value "$path" "$expect" "$cur" ""
    elif [[ -z $dashdash && $cur == --*=* ]]; then
        _pydock_complete_value "$path" "${cur%%=*}" "${cur#*=}" "${cur%%=*}="
    elif [[ -z $dashdash && $cur == -* ]]; then
        _pydock_reply "$cur" ${_pydock_flags[$path]}
    elif [[ $positional -eq 0 && -n ${_pydock_subs[$path]+x} ]]; then
        _pydock_reply "$cur" ${_pydock_subs[$path]}
    elif [[ -n ${_pydock_objects["$path #"]+x} ]]; then
        local kind=${_pydock_objects["$path #"]} list
        [[ -n $flagged ]] && kind=${_pydock_objects["$path # $flagged"]}
        if [[ $kind == *"|"* ]]; then  # one kind per position, the last one repeats
            local kinds
            IFS='|' read -ra kinds <<< "$kind"
            kind=${kinds[positional < ${#kinds[@]} ? positional : ${#kinds[@]} - 1]}
        fi
        case $kind in
            files) compopt -o filenames 2>/dev/null; mapfile -t COMPREPLY < <(compgen -f -- "$cur") ;;
            values:*) _pydock_reply "$cur" ${kind#values:} ;;
            none) ;;
            *) mapfile -t list < <(_pydock_ask $kind); _pydock_reply "$cur" "${list[@]}" ;;
        esac
    fi
    return 0
}

complete -F _pydock pydock
