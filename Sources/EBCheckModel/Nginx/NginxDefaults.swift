import EBCheckCore

/// The nginx configuration an Amazon Linux 2 / 2023 Beanstalk instance ships, reduced to what
/// the health-check path depends on. Files under `.platform/nginx/` replace or extend it
/// (docs/facts.md §2, EBG:platforms-linux-extend).
package enum NginxDefaults {
  /// Virtual paths of the platform files; a location inside them is reported as a default.
  package static let prefix = "<beanstalk>/"
  package static let mainPath = prefix + "nginx.conf"
  package static let applicationPath = prefix + "conf.d/elasticbeanstalk/00_application.conf"
  package static let healthdPath = prefix + "conf.d/elasticbeanstalk/healthd.conf"

  package static func isDefault(_ path: String) -> Bool { path.hasPrefix(prefix) }

  package static let mainConf = """
    user                    nginx;
    error_log               /var/log/nginx/error.log warn;
    pid                     /var/run/nginx.pid;
    worker_processes        auto;
    worker_rlimit_nofile    200000;

    events {
        worker_connections  1024;
    }

    http {
        server_tokens off;

        include       /etc/nginx/mime.types;
        default_type  application/octet-stream;

        log_format  main  '$remote_addr - $remote_user [$time_local] "$request" '
                          '$status $body_bytes_sent "$http_referer" '
                          '"$http_user_agent" "$http_x_forwarded_for"';

        include       conf.d/*.conf;

        map $http_upgrade $connection_upgrade {
            default     "upgrade";
        }

        server {
            listen        80 default_server;
            access_log    /var/log/nginx/access.log main;

            client_header_timeout 60;
            client_body_timeout   60;
            keepalive_timeout     60;
            gzip                  off;
            gzip_comp_level       4;

            # Include the Elastic Beanstalk generated locations
            include conf.d/elasticbeanstalk/*.conf;
        }
    }

    """

  package static func applicationConf(port: Int) -> String {
    """
    location / {
        proxy_pass          http://127.0.0.1:\(port);
        proxy_http_version  1.1;

        proxy_set_header    Connection          $connection_upgrade;
        proxy_set_header    Upgrade             $http_upgrade;
        proxy_set_header    Host                $host;
        proxy_set_header    X-Real-IP           $remote_addr;
        proxy_set_header    X-Forwarded-For     $proxy_add_x_forwarded_for;
    }

    """
  }

  package static let healthdConf = """
    if ($time_iso8601 ~ "^(\\d{4})-(\\d{2})-(\\d{2})T(\\d{2})") {
        set $year $1;
        set $month $2;
        set $day $3;
        set $hour $4;
    }

    access_log /var/log/nginx/healthd/application.log.$year-$month-$day-$hour healthd;

    """
}

extension NginxConfiguration {
  /// Whether a location is in the repository (not in the platform's built-in files).
  public static func isUserFile(_ location: Location?) -> Bool {
    guard let location else { return false }
    return !NginxDefaults.isDefault(location.file)
  }

  /// The location when it is in the repository, else nil.
  public static func userLocation(_ location: Location?) -> Location? {
    isUserFile(location) ? location : nil
  }
}
